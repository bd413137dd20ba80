/**
 * Data-update requests (issue #14 part 1): the participant files a request for themselves (an
 * officer may file one on their behalf), confirms a new e-mail address or phone with its code,
 * attaches evidence; officers read every request, its evidence, and decide (the workflow's
 * Update: approve, reject with a reason, or ask for more evidence). A participant reads their own.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addDataUpdateEvidence,
  decideDataUpdate,
  fileAndStartDataUpdate,
  type DataUpdatesContext,
} from '../../client/data-updates';
import {
  dataUpdateCodeSchema,
  dataUpdateDecisionSchema,
  dataUpdateFilingSchema,
  dataUpdateViewSchema,
} from '../../domain/data-updates';
import { DomainError } from '../../domain/errors';
import { personalIdSchema } from '../../domain/schemas-fields';
import { problemSchema } from '../../domain/schemas';
import { DEV_CLAIM_SUBJECT_KEY } from '../../runtime/config';
import {
  confirmDataUpdateCode,
  dataUpdateEvidenceFile,
  dataUpdatesOfParticipant,
  dataUpdateView,
  findDataUpdateOrThrow,
} from '../../services/data-updates';
import type { DataUpdateRow } from '../../db/queries/data-updates';
import type { Principal } from '../auth';
import { actorOf, authorised, logRead, principalOf, type ApiDeps } from '../context';
import { forbidden } from '../errors';
import { allowed, mayEver, POLICY, type Action } from '../policy';
import { readUpload, registerUploadParsers, sendDocument, UPLOAD_BODY_LIMIT } from '../uploads';

const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  415: problemSchema,
  422: problemSchema,
  429: problemSchema,
};
const idParams = z.object({
  id: z.coerce
    .number({ message: 'INVALID_REQUEST_ID: a request id is a whole number' })
    .int('INVALID_REQUEST_ID: a request id is a whole number')
    .positive('INVALID_REQUEST_ID: a request id is a whole number')
    .max(Number.MAX_SAFE_INTEGER, 'INVALID_REQUEST_ID: a request id is a whole number'),
});
const docParams = idParams.extend({
  docId: z.coerce
    .number()
    .int()
    .positive('INVALID_DOCUMENT_ID: a document id is a whole number')
    .max(Number.MAX_SAFE_INTEGER),
});
const filedSchema = z.object({
  requestId: z.number(),
  status: z.string(),
  /** A contact change: when the code sent to the new address (or, for a phone, the address on file) expires. */
  codeExpiresAt: z.string().nullable(),
});
const evidenceAddedSchema = z.object({ documentId: z.number(), alreadyStored: z.boolean(), status: z.string() });
const decidedSchema = z.object({ accepted: z.literal(true), status: z.string() });
const listSchema = z.object({ items: z.array(dataUpdateViewSchema) });

export async function dataUpdateRoutes(root: FastifyInstance, deps: ApiDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const ctx = (): DataUpdatesContext => ({
    db: deps.db,
    client: deps.client,
    taskQueue: deps.taskQueue,
    secret: deps.subjectKey ?? DEV_CLAIM_SUBJECT_KEY,
    clock: deps.clock,
    sms: deps.sms ?? false,
  });
  /**
   * A role that may never do this is refused before any lookup; a caller who may act only on their
   * own requests gets the same 403 for someone else's and for one that does not exist.
   */
  const requestFor = async (
    req: FastifyRequest & { params: { id: number } },
    action: Action,
  ): Promise<{ p: Principal; r: DataUpdateRow }> => {
    const p = principalOf(req);
    if (!mayEver(p, action)) throw forbidden();
    const r = await findDataUpdateOrThrow(deps.db, req.params.id).catch((err: unknown) => {
      if (err instanceof DomainError && err.code === 'DATA_UPDATE_NOT_FOUND' && POLICY[action][p.role] !== 'any')
        throw forbidden();
      throw err;
    });
    if (!allowed(p, action, { personalId: r.personalId })) throw forbidden();
    return { p, r };
  };

  app.post(
    '/data-updates',
    {
      schema: {
        summary:
          'Ask to change your data: a contact change is confirmed by a one-time code; a correction, a nationality or a bank account is reviewed by an officer',
        tags: ['data-updates'],
        body: dataUpdateFilingSchema,
        response: { 201: filedSchema, ...problems },
      },
    },
    async (req, reply) => {
      const p = authorised(req, 'dataUpdate.file', { personalId: req.body.personalId });
      const filed = await fileAndStartDataUpdate(ctx(), req.body, actorOf(p));
      return reply.code(201).send({
        requestId: filed.request.id,
        status: filed.request.status,
        codeExpiresAt: filed.codeExpiresAt?.toISOString() ?? null,
      });
    },
  );

  app.get(
    '/data-updates/:id',
    {
      schema: {
        summary: 'A data-update request: what it asks, where it stands, its deadline and its evidence',
        tags: ['data-updates'],
        params: idParams,
        response: { 200: dataUpdateViewSchema, ...problems },
      },
    },
    async (req) => {
      const { r } = await requestFor(req, 'dataUpdate.read');
      const view = await dataUpdateView(deps.db, r, deps.clock.today());
      await logRead(req, deps, [r.personalId]);
      return view;
    },
  );

  app.get(
    '/participants/:personalId/data-updates',
    {
      schema: {
        summary: "A participant's data-update requests, newest first",
        tags: ['data-updates'],
        params: z.object({ personalId: personalIdSchema }),
        response: { 200: listSchema, ...problems },
      },
    },
    async (req) => {
      authorised(req, 'dataUpdate.read', { personalId: req.params.personalId });
      const rows = await dataUpdatesOfParticipant(deps.db, req.params.personalId, 50);
      const items = [];
      for (const r of rows) items.push(await dataUpdateView(deps.db, r, deps.clock.today()));
      await logRead(req, deps, [req.params.personalId]);
      return { items };
    },
  );

  app.post(
    '/data-updates/:id/code',
    {
      schema: {
        summary: 'Confirm a contact change with its one-time code: the new address or number applies at once',
        tags: ['data-updates'],
        params: idParams,
        body: dataUpdateCodeSchema,
        response: { 200: dataUpdateViewSchema, ...problems },
      },
    },
    async (req) => {
      const { p, r } = await requestFor(req, 'dataUpdate.confirm');
      const done = await confirmDataUpdateCode(
        { db: deps.db, secret: ctx().secret, clock: deps.clock },
        r.id,
        req.body.code,
        actorOf(p),
      );
      return dataUpdateView(deps.db, done, deps.clock.today());
    },
  );

  app.post(
    '/data-updates/:id/decision',
    {
      schema: {
        summary:
          "The officer's decision: approve (the database and the e-book change at once), reject with a reason, or ask for more evidence (the deadline pauses)",
        tags: ['data-updates'],
        params: idParams,
        body: dataUpdateDecisionSchema,
        response: { 200: decidedSchema, ...problems },
      },
    },
    async (req) => {
      const { p, r } = await requestFor(req, 'dataUpdate.decide');
      return decideDataUpdate(ctx(), r.id, req.body, actorOf(p));
    },
  );

  app.get(
    '/data-updates/:id/evidence/:docId',
    {
      schema: {
        summary: 'One evidence document of a request, as it was uploaded',
        tags: ['data-updates'],
        params: docParams,
        response: { 200: z.unknown().describe('the document (application/pdf, image/jpeg or image/png)'), ...problems },
      },
    },
    async (req, reply) => {
      const { r } = await requestFor(req, 'dataUpdate.read');
      const doc = await dataUpdateEvidenceFile(deps.db, r.id, req.params.docId);
      await logRead(req, deps, [r.personalId]);
      return sendDocument(reply, doc);
    },
  );

  // The upload reads a raw file or one multipart file: its own scope, its own parsers.
  await app.register(async (scope) => {
    await registerUploadParsers(scope);
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/data-updates/:id/evidence',
      {
        bodyLimit: UPLOAD_BODY_LIMIT,
        schema: {
          summary:
            'Attach a document (PDF, JPEG or PNG, at most 5 MiB) to a request under review; a review paused for more evidence resumes',
          tags: ['data-updates'],
          params: idParams,
          response: { 201: evidenceAddedSchema, 200: evidenceAddedSchema, ...problems },
        },
      },
      async (req, reply) => {
        const { p, r } = await requestFor(req, 'dataUpdate.evidence');
        const upload = await readUpload(req);
        const added = await addDataUpdateEvidence(ctx(), r.id, upload, actorOf(p));
        return reply.code(added.alreadyStored ? 200 : 201).send(added);
      },
    );
  });
}
