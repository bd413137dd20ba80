/**
 * Declaration cases (issue #14 part 2): a participant opens a case against an employer that has not
 * declared or paid their months (an officer may open one on their behalf), reads it with its
 * timeline, attaches evidence; officers read every case and confirm arrears (the workflow's
 * Update); the employer reads its own view of a case against it, which names no one when the
 * participant asked to stay anonymous. An employer the system cannot notify answers 202 with the
 * referral's code: the case is stored and an officer task opened.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addDeclarationCaseEvidence,
  closeDeclarationCaseReferral,
  confirmDeclarationCaseArrears,
  dismissDeclarationCase,
  openAndStartDeclarationCase,
  type DeclarationCasesContext,
} from '../../client/declaration-cases';
import type { DeclarationCaseRow } from '../../db/queries/declaration-cases';
import {
  declarationCaseArrearsSchema,
  declarationCaseDismissalSchema,
  declarationCaseOpeningSchema,
  referralClosureSchema,
} from '../../domain/schemas-declaration-cases';
import { DomainError } from '../../domain/errors';
import { personalIdSchema } from '../../domain/schemas-fields';
import { problemSchema } from '../../domain/schemas';
import {
  declarationCaseEvidenceFile,
  declarationCasesOfParticipant,
  declarationCaseView,
  employerCaseView,
  findDeclarationCaseOrThrow,
} from '../../services/declaration-cases';
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
  413: problemSchema,
  415: problemSchema,
  422: problemSchema,
  429: problemSchema,
};
const ID_MESSAGE = 'INVALID_CASE_ID: a case id is a whole number';
const idParams = z.object({
  id: z.coerce
    .number({ message: ID_MESSAGE })
    .int(ID_MESSAGE)
    .positive(ID_MESSAGE)
    .max(Number.MAX_SAFE_INTEGER, ID_MESSAGE),
});
const docParams = idParams.extend({
  docId: z.coerce
    .number()
    .int()
    .positive('INVALID_DOCUMENT_ID: a document id is a whole number')
    .max(Number.MAX_SAFE_INTEGER),
});
const openedSchema = z.object({
  caseId: z.number(),
  status: z.string(),
  /** EMPLOYER_NOT_FOUND or EMPLOYER_OUT_OF_SCOPE when the case went to an officer (202). */
  referral: z.string().nullable(),
});
const viewSchema = z.object({
  caseId: z.number(),
  personalId: z.string(),
  employerTaxCode: z.string(),
  fromMonth: z.string(),
  toMonth: z.string(),
  anonymous: z.boolean(),
  status: z.string(),
  referral: z.string().nullable(),
  openedOn: z.string(),
  employerDue: z.string().nullable(),
  escalatedOn: z.string().nullable(),
  arrearsConfirmedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  outcome: z.string().nullable(),
  /** The dismissal's reason, or where a referral outside the system was sent (codes). */
  outcomeReason: z.string().nullable(),
  /** The case opened against the employer an officer identified when closing this referral. */
  successorCaseId: z.number().nullable(),
  months: z.array(z.object({ month: z.string(), declared: z.boolean(), credited: z.boolean() })),
  steps: z.array(z.object({ step: z.string(), onDate: z.string() })),
  evidence: z.array(
    z.object({
      id: z.number(),
      filename: z.string(),
      contentType: z.string(),
      size: z.number(),
      createdAt: z.string(),
    }),
  ),
});
const employerViewSchema = z.object({
  caseId: z.number(),
  status: z.string(),
  employerDue: z.string().nullable(),
  personalId: z.string().optional(),
  fullName: z.string().nullable().optional(),
  fromMonth: z.string().optional(),
  toMonth: z.string().optional(),
  fromYear: z.number().optional(),
  toYear: z.number().optional(),
});
const evidenceAddedSchema = z.object({ documentId: z.number(), alreadyStored: z.boolean() });
const confirmedSchema = z.object({ accepted: z.literal(true), status: z.string() });
const referralClosedSchema = z.object({
  caseId: z.number(),
  status: z.literal('closed'),
  outcome: z.string(),
  successorCaseId: z.number().nullable(),
});

export async function declarationCaseRoutes(root: FastifyInstance, deps: ApiDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const ctx = (): DeclarationCasesContext => ({
    db: deps.db,
    client: deps.client,
    taskQueue: deps.taskQueue,
    clock: deps.clock,
  });
  /**
   * A role that may never do this is refused before any lookup; a caller who may act only on their
   * own cases gets the same 403 for someone else's and for one that does not exist.
   */
  const caseFor = async (
    req: FastifyRequest & { params: { id: number } },
    action: Action,
  ): Promise<{ p: Principal; c: DeclarationCaseRow }> => {
    const p = principalOf(req);
    if (!mayEver(p, action)) throw forbidden();
    const c = await findDeclarationCaseOrThrow(deps.db, req.params.id).catch((err: unknown) => {
      if (err instanceof DomainError && err.code === 'DECLARATION_CASE_NOT_FOUND' && POLICY[action][p.role] !== 'any')
        throw forbidden();
      throw err;
    });
    if (!allowed(p, action, { personalId: c.personalId, taxCode: c.employerTaxCode })) throw forbidden();
    return { p, c };
  };

  app.post(
    '/declaration-cases',
    {
      schema: {
        summary:
          'Open a case against an employer that has not declared or paid your months: the employer is notified with a deadline (202 when it cannot be: an officer takes the case)',
        tags: ['declaration-cases'],
        body: declarationCaseOpeningSchema,
        response: { 201: openedSchema, 202: openedSchema, ...problems },
      },
    },
    async (req, reply) => {
      const p = authorised(req, 'declarationCase.open', { personalId: req.body.personalId });
      const opened = await openAndStartDeclarationCase(ctx(), req.body, actorOf(p));
      return reply
        .code(opened.referral ? 202 : 201)
        .send({ caseId: opened.case.id, status: opened.case.status, referral: opened.referral });
    },
  );

  app.get(
    '/declaration-cases/:id',
    {
      schema: {
        summary: 'A case: its months and where each stands, its deadline, every step so far and its evidence',
        tags: ['declaration-cases'],
        params: idParams,
        response: { 200: viewSchema, ...problems },
      },
    },
    async (req) => {
      const { c } = await caseFor(req, 'declarationCase.read');
      const view = await declarationCaseView(deps.db, c);
      await logRead(req, deps, [c.personalId]);
      return view;
    },
  );

  app.get(
    '/declaration-cases/:id/employer-view',
    {
      schema: {
        summary:
          'A case as the employer reads it: the person and the months, or — when the participant asked to stay anonymous — no one and only the years',
        tags: ['declaration-cases'],
        params: idParams,
        response: { 200: employerViewSchema, ...problems },
      },
    },
    async (req) => {
      const { c } = await caseFor(req, 'declarationCase.employerView');
      return employerCaseView(deps.db, c);
    },
  );

  app.get(
    '/participants/:personalId/declaration-cases',
    {
      schema: {
        summary: "A participant's declaration cases, newest first",
        tags: ['declaration-cases'],
        params: z.object({ personalId: personalIdSchema }),
        response: { 200: z.object({ items: z.array(viewSchema) }), ...problems },
      },
    },
    async (req) => {
      authorised(req, 'declarationCase.read', { personalId: req.params.personalId });
      const rows = await declarationCasesOfParticipant(deps.db, req.params.personalId, 50);
      const items = [];
      for (const c of rows) items.push(await declarationCaseView(deps.db, c));
      await logRead(req, deps, [req.params.personalId]);
      return { items };
    },
  );

  app.post(
    '/declaration-cases/:id/arrears',
    {
      schema: {
        summary: "The officer's confirmation of arrears: the case stays open until the months are paid and credited",
        tags: ['declaration-cases'],
        params: idParams,
        body: declarationCaseArrearsSchema,
        response: { 200: confirmedSchema, ...problems },
      },
    },
    async (req) => {
      const { p, c } = await caseFor(req, 'declarationCase.confirmArrears');
      return confirmDeclarationCaseArrears(ctx(), c.id, req.body, actorOf(p));
    },
  );

  app.post(
    '/declaration-cases/:id/dismissal',
    {
      schema: {
        summary:
          "The officer's dismissal of a case with its reason (withdrawn by the participant, a duplicate, unfounded after inspection): the case closes, its waits are cancelled, the participant is told",
        tags: ['declaration-cases'],
        params: idParams,
        body: declarationCaseDismissalSchema,
        response: { 200: confirmedSchema, ...problems },
      },
    },
    async (req) => {
      const { p, c } = await caseFor(req, 'declarationCase.dismiss');
      return dismissDeclarationCase(ctx(), c.id, req.body, actorOf(p));
    },
  );

  app.post(
    '/declaration-cases/:id/referral-closure',
    {
      schema: {
        summary:
          "The officer's closure of a referral: the employer identified (a case opens against it and its employer is notified), or outside the system (the participant is told where to turn)",
        tags: ['declaration-cases'],
        params: idParams,
        body: referralClosureSchema,
        response: { 200: referralClosedSchema, ...problems },
      },
    },
    async (req) => {
      const { p, c } = await caseFor(req, 'declarationCase.closeReferral');
      return closeDeclarationCaseReferral(ctx(), c.id, req.body, actorOf(p));
    },
  );

  app.get(
    '/declaration-cases/:id/evidence/:docId',
    {
      schema: {
        summary: 'One evidence document of a case, as it was uploaded',
        tags: ['declaration-cases'],
        params: docParams,
        response: { 200: z.unknown().describe('the document (application/pdf, image/jpeg or image/png)'), ...problems },
      },
    },
    async (req, reply) => {
      const { c } = await caseFor(req, 'declarationCase.read');
      const doc = await declarationCaseEvidenceFile(deps.db, c.id, req.params.docId);
      await logRead(req, deps, [c.personalId]);
      return sendDocument(reply, doc);
    },
  );

  // The upload reads a raw file or one multipart file: its own scope, its own parsers.
  await app.register(async (scope) => {
    await registerUploadParsers(scope);
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/declaration-cases/:id/evidence',
      {
        bodyLimit: UPLOAD_BODY_LIMIT,
        schema: {
          summary: 'Attach a document (a contract, a payslip: PDF, JPEG or PNG, at most 5 MiB) to an open case',
          tags: ['declaration-cases'],
          params: idParams,
          response: { 201: evidenceAddedSchema, 200: evidenceAddedSchema, ...problems },
        },
      },
      async (req, reply) => {
        const { p, c } = await caseFor(req, 'declarationCase.evidence');
        const upload = await readUpload(req);
        const added = await addDeclarationCaseEvidence(ctx(), c.id, upload, actorOf(p));
        return reply.code(added.alreadyStored ? 200 : 201).send(added);
      },
    );
  });
}
