/**
 * Benefit payments into bank accounts (issue 14 part 4): a participant's account (the participant
 * proposes, an officer verifies), the payment runs' pain.001 files (operators), and the paying
 * bank's answers — pain.002 status reports and camt.054 debit notifications — posted by the bank
 * or imported by an operator, as the collection account's statements are (api/routes/bank.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bankAccountInputSchema, personalIdParamsSchema, problemSchema } from '../../domain/schemas';
import {
  bankAccountListSchema,
  bankAccountProposalResultSchema,
  bankAccountVerificationBodySchema,
  bankAccountVerificationResultSchema,
  bankReturnResultSchema,
  paymentFileParamsSchema,
  paymentRunBodySchema,
  paymentRunResultSchema,
} from '../../domain/schemas-payments';
import { DEV_CLAIM_SUBJECT_KEY } from '../../runtime/config';
import { bankAccountsOf, proposeAccount, verifyAccount } from '../../services/bank-accounts';
import { importBankReturns, parseCamt054, parsePain002 } from '../../services/bank-returns';
import { createPaymentRun, paymentFile } from '../../services/payment-files';
import { actorOf, authorised, BODY_LIMITS, logRead, principalOf, type ApiDeps } from '../context';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
const XML_TYPES = ['application/xml', 'text/xml'];

export async function paymentFileRoutes(root: FastifyInstance, deps: ApiDeps): Promise<void> {
  const today = () => deps.clock.today();
  /** The server secret the account numbers and the stored files are sealed under. */
  const secret = deps.subjectKey ?? DEV_CLAIM_SUBJECT_KEY;
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/participants/:personalId/bank-account',
    {
      schema: {
        summary:
          "A participant's bank accounts for benefit payments, newest first, the numbers masked — participant own, officer; access-logged",
        tags: ['payments', 'participants'],
        params: personalIdParamsSchema,
        response: { 200: bankAccountListSchema, ...problems },
      },
    },
    async (req) => {
      const { personalId } = req.params;
      authorised(req, 'bankAccount.read', { personalId });
      const items = await bankAccountsOf(deps.db, personalId);
      await logRead(req, deps, [personalId]);
      return { items };
    },
  );

  app.put(
    '/participants/:personalId/bank-account',
    {
      schema: {
        summary:
          'Propose the bank account benefits are paid into (pending until an officer verifies it): a supported bank’s BIC, 6–19 digits, the participant as holder. 201 when new; the same proposal again → 200.',
        tags: ['payments', 'participants'],
        params: personalIdParamsSchema,
        body: bankAccountInputSchema,
        response: {
          201: bankAccountProposalResultSchema,
          200: bankAccountProposalResultSchema,
          ...problems,
          422: problemSchema,
        },
      },
    },
    async (req, reply) => {
      const { personalId } = req.params;
      const p = authorised(req, 'bankAccount.propose', { personalId });
      const r = await proposeAccount(deps.db, {
        personalId,
        account: req.body,
        by: actorOf(p),
        today: today(),
        secret,
      });
      return reply.code(r.created ? 201 : 200).send(r);
    },
  );

  app.post(
    '/participants/:personalId/bank-account/verification',
    {
      schema: {
        summary:
          "An officer verifies the participant's pending account (or `accountId`): it becomes the one verified account, the earlier one superseded; months waiting for an account join the next payment run",
        tags: ['payments', 'participants'],
        params: personalIdParamsSchema,
        body: bankAccountVerificationBodySchema,
        response: { 200: bankAccountVerificationResultSchema, ...problems },
      },
    },
    async (req) => {
      const { personalId } = req.params;
      const p = authorised(req, 'bankAccount.verify', { personalId });
      return verifyAccount(deps.db, {
        personalId,
        ...(req.body.accountId !== undefined ? { accountId: req.body.accountId } : {}),
        officer: actorOf(p),
        today: today(),
      });
    },
  );

  app.post(
    '/payment-files',
    {
      schema: {
        summary:
          'Make the payment run of a date: every benefit month owed whose participant has a verified account, in ONE pain.001.001.09 file. The same run again → 200 with the same file.',
        tags: ['payments'],
        body: paymentRunBodySchema,
        response: { 201: paymentRunResultSchema, 200: paymentRunResultSchema, ...problems, 422: problemSchema },
      },
    },
    async (req, reply) => {
      const p = authorised(req, 'paymentFile.run');
      const r = await createPaymentRun(deps.db, {
        ...(deps.uiFund ? { debtor: deps.uiFund } : {}),
        runId: req.body.runId,
        now: deps.clock(),
        today: today(),
        by: actorOf(p),
        secret,
      });
      return reply.code(r.created ? 201 : 200).send(r);
    },
  );

  app.get(
    '/payment-files/:id',
    {
      schema: {
        summary: 'A payment run’s pain.001.001.09 file as stored (by file id or run id), with its SHA-256 in `Digest`',
        tags: ['payments'],
        params: paymentFileParamsSchema,
        produces: ['application/xml'],
        response: { 200: z.string(), ...problems },
      },
    },
    async (req, reply) => {
      authorised(req, 'paymentFile.read');
      const id = req.params.id;
      const { file } = await paymentFile(deps.db, /^\d+$/.test(id) ? { id: Number(id) } : { runId: id }, secret);
      return reply
        .header('content-type', 'application/xml; charset=utf-8')
        .header('digest', `sha-256=${Buffer.from(file.sha256, 'hex').toString('base64')}`)
        .header('content-disposition', `attachment; filename="${file.msgId}.xml"`)
        .send(file.xml);
    },
  );

  // The bank's files: only XML bodies, up to the statement limit; refused before the body is read.
  await root.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      XML_TYPES,
      { parseAs: 'string', bodyLimit: BODY_LIMITS.bankStatement },
      (_req, body, done) => done(null, body),
    );
    const xmlApp = scope.withTypeProvider<ZodTypeProvider>();
    const route = (url: string, summary: string, parse: typeof parsePain002) =>
      xmlApp.post(
        url,
        {
          bodyLimit: BODY_LIMITS.bankStatement,
          onRequest: async (req) => {
            authorised(req, 'bank.import');
          },
          schema: {
            summary,
            tags: ['bank', 'payments'],
            consumes: XML_TYPES,
            body: z.string().describe('the file as the bank produced it'),
            response: {
              200: bankReturnResultSchema,
              ...problems,
              413: problemSchema,
              415: problemSchema,
              422: problemSchema,
            },
          },
        },
        async (req) => {
          const p = principalOf(req);
          return importBankReturns(deps.db, parse(req.body), { author: actorOf(p), today: today() });
        },
      );
    route(
      '/bank/payment-status',
      "The paying bank's ISO 20022 pain.002 status report on a payment file: ACSC/ACCC (settlement completed) pay the month on the bank's date, RJCT returns it (the account closed with the reason, the participant told, an officer task); the same report again changes nothing; a contradiction is 409 PAYMENT_STATUS_CONFLICT, writing nothing",
      parsePain002,
    );
    route(
      '/bank/debit-notifications',
      "The paying bank's ISO 20022 camt.054 debit notification: each booked debit carrying a payment key pays its month on the booking date (a credit with return information returns it); the same notification again changes nothing",
      parseCamt054,
    );
  });
}
