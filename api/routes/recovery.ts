/**
 * Account-access recovery (issue #14 part 3): start one (the participant with a fresh VNeID level-2
 * sign-in, or an officer at the desk), the officer's in-person verification, the new e-mail address,
 * the code that confirms it, and the recovery's status. A caller who may act only on their own
 * recoveries gets the same 403 for someone else's and for one that does not exist.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../domain/errors';
import { RECOVERY_STATUS_VALUES } from '../../domain/recovery';
import {
  recoveryConfirmSchema,
  recoveryContactSchema,
  recoveryIdParamsSchema,
  recoveryStartSchema,
  recoveryVerificationSchema,
  recoveryViewSchema,
} from '../../domain/schemas-recovery';
import { problemSchema } from '../../domain/schemas';
import { DEV_CLAIM_SUBJECT_KEY } from '../../runtime/config';
import {
  confirmRecoveryCode,
  findRecoveryRow,
  recoveryStatus,
  startRecovery,
  submitRecoveryContact,
  verifyRecovery,
  type RecoveryCaller,
  type RecoveryContext,
} from '../../client/recovery';
import type { RecoveryRow } from '../../services/recovery';
import type { Principal } from '../auth';
import { actorOf, authorised, logRead, principalOf, type ApiDeps } from '../context';
import { forbidden } from '../errors';
import { allowed, mayEver, POLICY, type Action } from '../policy';

const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  422: problemSchema,
};
const answerSchema = z.object({
  accepted: z.literal(true),
  status: z.enum(RECOVERY_STATUS_VALUES),
  codeExpiresAt: z.string().nullable().optional(),
});

const callerOf = (p: Principal): RecoveryCaller => ({
  role: p.role,
  actor: actorOf(p),
  personalId: p.personalId,
  level: p.level,
  authTime: p.authTime,
});

export async function recoveryRoutes(root: FastifyInstance, deps: ApiDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const ctx = (): RecoveryContext => ({
    db: deps.db,
    client: deps.client,
    taskQueue: deps.taskQueue,
    clock: deps.clock,
    secret: deps.subjectKey ?? DEV_CLAIM_SUBJECT_KEY,
  });
  /** A role that may never do this is refused before any read; then the caller must be allowed on its owner. */
  const recoveryFor = async (
    req: FastifyRequest & { params: { id: string } },
    action: Action,
  ): Promise<{ p: Principal; r: RecoveryRow }> => {
    const p = principalOf(req);
    if (!mayEver(p, action)) throw forbidden();
    const r = await findRecoveryRow(ctx(), req.params.id).catch((err: unknown) => {
      if (err instanceof DomainError && err.code === 'RECOVERY_NOT_FOUND' && POLICY[action][p.role] !== 'any')
        throw forbidden();
      throw err;
    });
    if (!allowed(p, action, { personalId: r.personalId })) throw forbidden();
    return { p, r };
  };

  app.post(
    '/recoveries',
    {
      schema: {
        summary:
          'Start an account-access recovery: the participant for themselves with a fresh VNeID level-2 sign-in (auth_time within 15 minutes; identified at once), or an officer at the desk for a person (`personalId`; identified by the in-person verification next). 409 RECOVERY_ALREADY_OPEN while one is under way',
        tags: ['recovery'],
        body: recoveryStartSchema.nullish(),
        response: { 201: recoveryViewSchema, ...problems },
      },
    },
    async (req, reply) => {
      const p = principalOf(req);
      const personalId = req.body?.personalId ?? p.personalId;
      authorised(req, 'recovery.start', { personalId });
      const view = await startRecovery(ctx(), callerOf(p), req.body ?? {});
      return reply.code(201).send(view);
    },
  );

  app.get(
    '/recoveries/:id',
    {
      schema: {
        summary:
          'A recovery: its status, its deadline, whether a code is waiting and until when (participant own, officer)',
        tags: ['recovery'],
        params: recoveryIdParamsSchema,
        response: { 200: recoveryViewSchema, ...problems },
      },
    },
    async (req) => {
      const { r } = await recoveryFor(req, 'recovery.read');
      const view = await recoveryStatus(ctx(), r);
      await logRead(req, deps, [r.personalId]);
      return view;
    },
  );

  app.post(
    '/recoveries/:id/verification',
    {
      schema: {
        summary:
          'The officer verified the person in person: the document kind and its last 4 characters only (never the whole number). 409 WRONG_STATE unless the recovery awaits it',
        tags: ['recovery'],
        params: recoveryIdParamsSchema,
        body: recoveryVerificationSchema,
        response: { 200: answerSchema, ...problems },
      },
    },
    async (req) => {
      const { p, r } = await recoveryFor(req, 'recovery.verify');
      return verifyRecovery(ctx(), r, req.body, actorOf(p));
    },
  );

  app.post(
    '/recoveries/:id/contact',
    {
      schema: {
        summary:
          'The new e-mail address: a one-time code (6 digits, 10 minutes, 5 attempts) is sent to it; a new address supersedes the code. A participant needs a fresh sign-in',
        tags: ['recovery'],
        params: recoveryIdParamsSchema,
        body: recoveryContactSchema,
        response: { 200: answerSchema, ...problems },
      },
    },
    async (req) => {
      const { p, r } = await recoveryFor(req, 'recovery.contact');
      return submitRecoveryContact(ctx(), r, req.body, callerOf(p));
    },
  );

  app.post(
    '/recoveries/:id/confirmation',
    {
      schema: {
        summary:
          'The code received at the new address: the recovery completes — the address on file, every older token and console session of the person revoked, both addresses notified. A wrong code is counted (OTP_WRONG, then OTP_LOCKED)',
        tags: ['recovery'],
        params: recoveryIdParamsSchema,
        body: recoveryConfirmSchema,
        response: { 200: answerSchema, ...problems },
      },
    },
    async (req) => {
      const { p, r } = await recoveryFor(req, 'recovery.confirm');
      const answer = await confirmRecoveryCode(ctx(), r, req.body, callerOf(p));
      // Completed: this process refuses the revoked tokens from its next request on.
      await deps.revocations?.refresh();
      return answer;
    },
  );
}
