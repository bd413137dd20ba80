/**
 * FHIR R4 for healthcare facilities (issue 15), under /fhir: the CapabilityStatement
 * (`GET /fhir/metadata`, public as FHIR clients expect, nothing personal), a Coverage search by the
 * beneficiary's or the card's identifier and a date, a Coverage read by card code, and
 * `POST /fhir/CoverageEligibilityRequest` answered with a CoverageEligibilityResponse. Every data
 * route takes a facility's bearer token only (api/policy.ts `fhir.coverage`), runs the same lookup as
 * `GET /v1/coverage` (services/coverage.ts), is rate-limited in the same tight bucket and
 * access-logged as it is. Every refusal is an OperationOutcome (4xx, application/fhir+json) with the
 * same stable code as the problem+json of /v1; the resources are built by api/fhir-resources.ts.
 */
import type { Resource } from '@medplum/fhirtypes';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { hiCardCodeSchema, personalIdSchema, siNumberSchema } from '../../domain/schemas-fields';
import { inputDateSchema } from '../../domain/schemas';
import {
  fhirCardParamsSchema,
  fhirCoverageSearchSchema,
  fhirEligibilityRequestSchema,
  fhirResourceSchema,
  type FhirEligibilityRequest,
} from '../../domain/schemas-coverage';
import { langFromAcceptLanguage, problemDetail, problemMessage, problemTitle } from '../../messages/negotiate';
import { coverageChecker, type CoverageQuery } from '../../services/coverage';
import { authorised, BODY_LIMITS, logRead, principalOf, type ApiDeps } from '../context';
import { HttpProblem, notFound, problemFor, type ProblemSpec } from '../errors';
import {
  capabilityStatement,
  coverageResource,
  coverageSearchBundle,
  eligibilityResponse,
  FHIR_JSON,
  IDENTIFIER_SYSTEMS,
  operationOutcome,
} from '../fhir-resources';
import { registerRateLimits, tightLimit } from '../rate-limit';

const FHIR_CONTENT_TYPE = `${FHIR_JSON}; charset=utf-8`;
const outcome = fhirResourceSchema('OperationOutcome');
const refusals = { 400: outcome, 401: outcome, 403: outcome, 404: outcome, 406: outcome, 429: outcome };

/** A field as FHIR names it: the parameter or element, without the part of the request it was in. */
const fieldOf = (field: string | undefined) => (field ? [field.replace(/^(querystring|params|body)\./, '')] : []);

/** A refusal as an OperationOutcome, in the language Accept-Language asks for (the code stays the same). */
export function sendOutcome(reply: FastifyReply, req: FastifyRequest, p: ProblemSpec): FastifyReply {
  const lang = langFromAcceptLanguage(req.headers['accept-language']);
  const body = operationOutcome({
    status: p.status,
    code: p.code,
    title: problemTitle(lang, p.code, p.status),
    detail: problemDetail(lang, p.code, p.detail, p.field, p.params),
    fields: fieldOf(p.field),
  });
  // Every further issue of a validation failure is its own issue, with its own message.
  for (const e of (p.errors ?? []).slice(1))
    body.issue.push(
      operationOutcome({
        status: p.status,
        code: e.code,
        title: problemTitle(lang, e.code, p.status),
        detail: problemMessage(lang, e.code, e.message, e.params),
        fields: fieldOf(e.field),
      }).issue[0]!,
    );
  void reply.header('content-language', lang).header('vary', 'Accept-Language');
  return reply.code(p.status).type(FHIR_CONTENT_TYPE).serializer(JSON.stringify).send(body);
}

/** A resource answered as application/fhir+json (the route's schema only names its type for the OpenAPI document). */
const sendResource = (reply: FastifyReply, resource: Resource) => reply.type(FHIR_CONTENT_TYPE).send(resource as never);

/** A value that failed its zod schema: 400 with the code its message starts with. */
function refused(result: z.ZodSafeParseError<unknown>, field: string): HttpProblem {
  const message = result.error.issues[0]?.message ?? 'INVALID_INPUT: invalid';
  const [code, ...rest] = message.split(': ');
  return new HttpProblem(400, /^[A-Z][A-Z0-9_]+$/.test(code!) ? code! : 'INVALID_INPUT', rest.join(': '), field);
}

type Who = Pick<CoverageQuery, 'card' | 'personalId' | 'siNumber'>;

/** `<system>|<value>` → whom it names, if the system is one `allowed` for this parameter. */
function identifierOf(text: string, field: string, allowed: ('personalId' | 'siNumber' | 'hiCard')[]): Who {
  const bar = text.indexOf('|');
  if (bar <= 0) throw new HttpProblem(400, 'IDENTIFIER_SYSTEM_REQUIRED', 'an identifier is <system>|<value>', field);
  return identified(text.slice(0, bar), text.slice(bar + 1), field, allowed);
}

function identified(
  system: string,
  value: string,
  field: string,
  allowed: ('personalId' | 'siNumber' | 'hiCard')[],
): Who {
  const kind = allowed.find((k) => IDENTIFIER_SYSTEMS[k] === system);
  if (!kind)
    throw new HttpProblem(400, 'IDENTIFIER_SYSTEM_UNKNOWN', 'not an identifier system of this parameter', field);
  const schema = kind === 'personalId' ? personalIdSchema : kind === 'siNumber' ? siNumberSchema : hiCardCodeSchema;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw refused(parsed, field);
  return kind === 'hiCard' ? { card: value } : kind === 'personalId' ? { personalId: value } : { siNumber: value };
}

/** The `date` parameter: YYYY-MM-DD, optionally prefixed `eq`; default today. */
function dateOf(text: string | undefined, field: string, today: string): string {
  if (text === undefined) return today;
  const m = /^(eq|ne|gt|lt|ge|le|sa|eb|ap)?(.*)$/.exec(text)!;
  if (m[1] !== undefined && m[1] !== 'eq')
    throw new HttpProblem(400, 'DATE_PREFIX_NOT_SUPPORTED', 'a date is YYYY-MM-DD with at most the eq prefix', field);
  const parsed = inputDateSchema.safeParse(m[2]);
  if (!parsed.success) throw refused(parsed, field);
  return parsed.data;
}

/** `_format` asks for JSON or nothing: this server writes no XML. */
function checkFormat(format: string | undefined): void {
  if (format === undefined) return;
  if (!['json', FHIR_JSON, 'application/json'].includes(format.split(';')[0]!.trim()))
    throw new HttpProblem(406, 'FORMAT_NOT_SUPPORTED', 'this server answers application/fhir+json only', '_format');
}

/** Who an eligibility request asks about: the card of its first insurance, else the patient's identifier. */
function eligibilityWho(b: FhirEligibilityRequest): Who {
  const coverage = b.insurance?.[0]?.coverage.identifier;
  if (coverage) return identified(coverage.system, coverage.value, 'insurance.0.coverage.identifier', ['hiCard']);
  const patient = b.patient.identifier;
  if (patient) return identified(patient.system, patient.value, 'patient.identifier', ['personalId', 'siNumber']);
  throw new HttpProblem(
    400,
    'PATIENT_IDENTIFIER_REQUIRED',
    'name the patient by identifier, or the card in insurance.coverage.identifier',
    'patient.identifier',
  );
}

export async function fhirRoutes(scope: FastifyInstance, deps: ApiDeps): Promise<void> {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const coverageOn = coverageChecker(deps.db, deps.coverageIndex);
  const baseOf = (req: FastifyRequest) => `${req.protocol}://${req.host}/fhir`;

  // FHIR clients send application/fhir+json; read it as JSON, with the API's default body limit.
  scope.addContentTypeParser(
    FHIR_JSON,
    { parseAs: 'string', bodyLimit: BODY_LIMITS.default },
    scope.getDefaultJsonParser('error', 'error'),
  );
  scope.setErrorHandler((err: FastifyError, req, reply) => sendOutcome(reply, req, problemFor(err, req, reply)));
  scope.setNotFoundHandler((req, reply) =>
    sendOutcome(reply, req, { status: 404, code: 'NOT_FOUND', detail: 'no such route' }),
  );
  scope.addHook('onRequest', async (req, reply) => {
    // As on /v1: nothing of these answers is kept by a cache; set first, so that 401s have it too.
    reply.header('cache-control', 'no-store');
    if ((req.routeOptions.config as { fhirPublic?: boolean } | undefined)?.fhirPublic) return;
    req.principal = await deps.verifier(req.headers.authorization);
  });
  await registerRateLimits(scope, deps);

  app.get(
    '/metadata',
    {
      config: { fhirPublic: true } as never,
      schema: {
        summary: "The FHIR server's CapabilityStatement (no token: it says nothing about anyone)",
        tags: ['fhir'],
        security: [],
        response: { 200: fhirResourceSchema('CapabilityStatement'), 406: outcome, 429: outcome },
      },
    },
    async (req, reply) => {
      checkFormat((req.query as { _format?: string })._format);
      const lang = langFromAcceptLanguage(req.headers['accept-language']);
      return sendResource(reply, capabilityStatement(lang));
    },
  );

  app.get(
    '/Coverage',
    {
      config: tightLimit(deps),
      schema: {
        summary:
          'Search HI cards (facilities): beneficiary.identifier=<system>|<value> (personal ID or SI number) or identifier=<card system>|<code>, and date; a searchset Bundle',
        tags: ['fhir'],
        querystring: fhirCoverageSearchSchema,
        response: { 200: fhirResourceSchema('Bundle'), ...refusals },
      },
    },
    async (req, reply) => {
      const p = authorised(req, 'fhir.coverage');
      checkFormat(req.query._format);
      const beneficiary = req.query['beneficiary.identifier'];
      const card = req.query.identifier;
      if ((beneficiary === undefined) === (card === undefined))
        throw new HttpProblem(
          400,
          'SEARCH_PARAMETER_REQUIRED',
          'give exactly one of beneficiary.identifier or identifier',
          'beneficiary.identifier',
        );
      const who =
        beneficiary !== undefined
          ? identifierOf(beneficiary, 'beneficiary.identifier', ['personalId', 'siNumber'])
          : identifierOf(card!, 'identifier', ['hiCard']);
      const date = dateOf(req.query.date, 'date', deps.clock.today());
      const found = await coverageOn({ ...who, date, facilityCode: p.facilityCode ?? null });
      if (found) await logRead(req, deps, [found.holder.personalId]);
      const lang = langFromAcceptLanguage(req.headers['accept-language']);
      const base = baseOf(req);
      const self = `${base}/Coverage?${new URLSearchParams(
        Object.entries(req.query).filter((e): e is [string, string] => e[1] !== undefined),
      ).toString()}`;
      return sendResource(reply, coverageSearchBundle(found, base, self, lang));
    },
  );

  app.get(
    '/Coverage/:card',
    {
      config: tightLimit(deps),
      schema: {
        summary: 'One HI card as a Coverage (facilities): the card in force today, else its latest period',
        tags: ['fhir'],
        params: fhirCardParamsSchema,
        response: { 200: fhirResourceSchema('Coverage'), ...refusals },
      },
    },
    async (req, reply) => {
      const p = authorised(req, 'fhir.coverage');
      checkFormat((req.query as { _format?: string })._format);
      const parsed = hiCardCodeSchema.safeParse(req.params.card);
      if (!parsed.success) throw refused(parsed, 'card');
      const found = await coverageOn({
        card: parsed.data,
        date: deps.clock.today(),
        facilityCode: p.facilityCode ?? null,
      });
      if (!found?.about) throw notFound('HI card');
      await logRead(req, deps, [found.holder.personalId]);
      const lang = langFromAcceptLanguage(req.headers['accept-language']);
      return sendResource(reply, coverageResource(found, found.about, lang));
    },
  );

  app.post(
    '/CoverageEligibilityRequest',
    {
      config: tightLimit(deps),
      schema: {
        summary:
          'Is the patient covered on servicedDate, at what benefit level, and is this facility the registered initial one (facilities): a CoverageEligibilityResponse; nothing is stored',
        tags: ['fhir'],
        body: fhirEligibilityRequestSchema,
        response: { 200: fhirResourceSchema('CoverageEligibilityResponse'), ...refusals },
      },
    },
    async (req, reply) => {
      const p = authorised(req, 'fhir.coverage');
      const b = req.body;
      // A facility asks as itself: its token names it.
      const provider = b.provider?.identifier;
      if (
        provider &&
        (provider.system !== IDENTIFIER_SYSTEMS.facility || provider.value !== (principalOf(req).facilityCode ?? ''))
      )
        throw new HttpProblem(403, 'FORBIDDEN', 'a facility asks as the facility its token names', 'provider');
      if (b.servicedPeriod !== undefined)
        throw new HttpProblem(400, 'SERVICED_PERIOD_NOT_SUPPORTED', 'ask about one day', 'servicedPeriod');
      const who = eligibilityWho(b);
      const date = dateOf(b.servicedDate, 'servicedDate', deps.clock.today());
      const facilityCode = p.facilityCode ?? null;
      const found = await coverageOn({ ...who, date, facilityCode });
      if (!found) throw notFound(who.card ? 'HI card' : 'patient');
      await logRead(req, deps, [found.holder.personalId]);
      const lang = langFromAcceptLanguage(req.headers['accept-language']);
      const first = b.identifier?.[0];
      const requestIdentifier =
        first?.value !== undefined
          ? { ...(first.system !== undefined ? { system: first.system } : {}), value: first.value }
          : null;
      return sendResource(
        reply,
        eligibilityResponse(
          found,
          { purpose: b.purpose, requestIdentifier, facilityCode },
          deps.clock().toISOString(),
          lang,
        ),
      );
    },
  );
}
