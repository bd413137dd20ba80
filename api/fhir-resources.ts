/**
 * FHIR R4 (4.0.1) resources built from the one coverage lookup (services/coverage.ts): Coverage,
 * the searchset Bundle, CoverageEligibilityResponse, OperationOutcome and the server's
 * CapabilityStatement. Pure: no I/O; the routes (api/routes/fhir.ts) give the finding, the
 * language and the instant. Types are @medplum/fhirtypes'.
 *
 * Shapes follow openIMIS's R4 mapping where it fits (openimis-be-api_fhir_r4_py:
 * converters/coverageConverter.py, converters/coverageEligibilityRequestConverter.py,
 * mapping/coverageMapping.py): a Coverage's period is the policy's (here the card's validity), its
 * class a coverage-class code, its status `active` even after the period ended and `cancelled` for a
 * suspended one; a CoverageEligibilityResponse has status `active`, outcome `complete`, the insurer
 * as a reference, and per insurance the coverage reference, `benefitPeriod` (start and expiry) and
 * an item of category "benefit" whose benefits are typed by the server's own
 * coverage-item-benefit-type code system. Ansinh adds `inforce`, the not-covered reason as
 * `error[].code` with `disposition`, the registered initial facility as `item.network` (in / out)
 * and an extension, and the holder as a contained Patient.
 *
 * The identifier systems and code systems are Ansinh's, under the agency's domain, until the
 * agency names official ones (README, "FHIR R4 for healthcare facilities").
 */
import type {
  Bundle,
  BundleEntry,
  CapabilityStatement,
  CodeableConcept,
  Coverage as FhirCoverage,
  CoverageEligibilityRequest,
  CoverageEligibilityResponse,
  CoverageEligibilityResponseInsurance,
  Extension,
  OperationOutcome,
  OperationOutcomeIssue,
  Organization,
  Patient,
  Reference,
} from '@medplum/fhirtypes';
import { t, type Lang, type MessageKey } from '../messages';
import { formatDate } from '../messages/format';
import type { CardFacts, CoverageFinding } from '../services/coverage';

/** Where Ansinh's FHIR names live: the agency's domain. */
export const FHIR_NAMES_BASE = 'https://fhir.baohiemxahoi.gov.vn';

/** The identifier systems a facility names people, cards, facilities and employers by. */
export const IDENTIFIER_SYSTEMS = {
  /** The 12-digit personal identification number (CCCD), the key of every record. */
  personalId: `${FHIR_NAMES_BASE}/sid/cccd`,
  /** The legacy 10-digit SI number (mã số BHXH), replaced by the personal ID since 2025-08-01. */
  siNumber: `${FHIR_NAMES_BASE}/sid/ma-so-bhxh`,
  /** The 15-character HI card code (mã thẻ BHYT). */
  hiCard: `${FHIR_NAMES_BASE}/sid/ma-the-bhyt`,
  /** A healthcare facility's 5-digit code (mã cơ sở KCB). */
  facility: `${FHIR_NAMES_BASE}/sid/ma-cskcb`,
  /** An employer's tax code (mã số thuế), the payer of an employee's card. */
  taxCode: `${FHIR_NAMES_BASE}/sid/mst`,
  /** The agency itself (the insurer). */
  agency: `${FHIR_NAMES_BASE}/sid/co-quan`,
} as const;

export const CODE_SYSTEMS = {
  /** Why a person is not covered: not_yet_valid, expired, ended, no_card, suspended (domain/coverage.ts). */
  notCoveredReason: `${FHIR_NAMES_BASE}/CodeSystem/not-covered-reason`,
  /** The stable codes of Ansinh's refusals (the same as problem+json's `code`). */
  problem: `${FHIR_NAMES_BASE}/CodeSystem/problem`,
  /** The types of an eligibility item's benefits (as openIMIS names its own). */
  benefitType: `${FHIR_NAMES_BASE}/CodeSystem/coverage-item-benefit-type`,
  /** Who pays a card: employer, ui_fund, state_budget, self. */
  payerKind: `${FHIR_NAMES_BASE}/CodeSystem/payer-kind`,
} as const;

export const EXTENSIONS = {
  /** The card's registered initial facility (HI Law Art.26), and whether the facility asking is it. */
  initialFacility: `${FHIR_NAMES_BASE}/StructureDefinition/initial-facility`,
} as const;

/** The agency's code as the insurer. */
const AGENCY_CODE = 'BHXHVN';
/** The FHIR version served. */
export const FHIR_VERSION = '4.0.1';
export const FHIR_JSON = 'application/fhir+json';
/** The day this CapabilityStatement was last changed (a constant: it describes the code, not the clock). */
const CAPABILITY_DATE = '2026-12-01';

const CONTAINED_PATIENT = 'beneficiary';

/** The holder as a contained Patient: the identifiers, name, gender and birth date the card shows (Decree 188/2025 Art.10(a)). */
function patientOf(f: CoverageFinding): Patient {
  return {
    resourceType: 'Patient',
    id: CONTAINED_PATIENT,
    identifier: [
      { use: 'official', system: IDENTIFIER_SYSTEMS.personalId, value: f.holder.personalId },
      { use: 'secondary', system: IDENTIFIER_SYSTEMS.siNumber, value: f.holder.siNumber },
    ],
    name: [{ text: f.holder.fullName }],
    gender: f.holder.gender === 'male' || f.holder.gender === 'female' ? f.holder.gender : 'unknown',
    birthDate: f.holder.dateOfBirth,
  };
}

const coding = (system: string, code: string, display?: string): CodeableConcept => ({
  coding: [{ system, code, ...(display ? { display } : {}) }],
});

/** Who pays the card: the employer by its tax code, the UI fund, the state budget, or the holder. */
function payorOf(card: CardFacts, lang: Lang): Reference<Patient | Organization> {
  if (card.payer.kind === 'employer' && card.payer.taxCode)
    return { identifier: { system: IDENTIFIER_SYSTEMS.taxCode, value: card.payer.taxCode } };
  if (card.payer.kind === 'self') return { reference: `#${CONTAINED_PATIENT}` };
  return { display: t(lang, `facility.payer.${card.payer.kind as 'ui_fund' | 'state_budget'}`) };
}

function initialFacilityExtension(card: CardFacts, f: CoverageFinding): Extension[] {
  const parts: Extension[] = [];
  if (card.initialFacilityCode !== null)
    parts.push({
      url: 'registered',
      valueIdentifier: { system: IDENTIFIER_SYSTEMS.facility, value: card.initialFacilityCode },
    });
  if (f.facility) parts.push({ url: 'requesterIsInitial', valueBoolean: f.facility.isInitialFacility });
  return parts.length ? [{ url: EXTENSIONS.initialFacility, extension: parts }] : [];
}

/** The card the answer is about is the one in force and locked that day. */
const isSuspended = (f: CoverageFinding, card: CardFacts) =>
  f.lock !== null && f.card !== null && f.card.cardCode === card.cardCode;

/**
 * One card as a Coverage: id and identifier its code, the holder contained, the period its
 * validity, the payer, its beneficiary group as a coverage class (the card code's first two
 * letters, Decision 1351/QĐ-BHXH). Status `cancelled` while the card is locked or withdrawn, else
 * `active` (openIMIS maps an expired policy to active too: the period says when).
 */
export function coverageResource(f: CoverageFinding, card: CardFacts, lang: Lang): FhirCoverage {
  const extension = initialFacilityExtension(card, f);
  return {
    resourceType: 'Coverage',
    id: card.cardCode,
    contained: [patientOf(f)],
    ...(extension.length ? { extension } : {}),
    identifier: [{ use: 'official', system: IDENTIFIER_SYSTEMS.hiCard, value: card.cardCode }],
    status: isSuspended(f, card) ? 'cancelled' : 'active',
    type: coding('http://terminology.hl7.org/CodeSystem/v3-ActCode', 'PUBLICPOL', 'public healthcare'),
    subscriberId: card.cardCode,
    beneficiary: { reference: `#${CONTAINED_PATIENT}`, display: f.holder.fullName },
    relationship: coding('http://terminology.hl7.org/CodeSystem/subscriber-relationship', 'self', 'Self'),
    period: { start: card.validFrom, ...(card.validTo ? { end: card.validTo } : {}) },
    payor: [payorOf(card, lang)],
    class: [
      {
        type: coding('http://terminology.hl7.org/CodeSystem/coverage-class', 'group', 'Group'),
        value: card.cardCode.slice(0, 2),
        name: t(lang, 'facility.benefitValue', { level: card.benefitLevel }),
      },
    ],
  };
}

/** Why not covered, in the reader's language (the console's words: messages/facility.ts). */
export function dispositionOf(f: CoverageFinding, lang: Lang): string {
  const n = f.notCovered;
  if (!n) return t(lang, 'fhir.covered', { date: formatDate(lang, f.date) });
  const key: MessageKey = n.lockKind === 'withdrawn' ? 'facility.reason.withdrawn' : `facility.reason.${n.reason}`;
  return t(lang, key, { since: n.since ? formatDate(lang, n.since) : '' });
}

const reasonConcept = (f: CoverageFinding, lang: Lang): CodeableConcept => ({
  coding: [
    {
      system: CODE_SYSTEMS.notCoveredReason,
      code: f.notCovered!.reason,
      display: t(lang, `fhir.reason.${f.notCovered!.reason}`),
    },
  ],
  text: dispositionOf(f, lang),
});

/** An informational OperationOutcome: why the search found no usable card (a searchset's `outcome` entry). */
function notCoveredOutcome(f: CoverageFinding, lang: Lang): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'information', code: 'informational', details: reasonConcept(f, lang) }],
  };
}

/**
 * The searchset of `GET /fhir/Coverage`: the card in force on the date (a locked one too, as
 * `cancelled`) as a match, and when the person is not covered an OperationOutcome saying why; an
 * unknown person is an empty set.
 */
export function coverageSearchBundle(f: CoverageFinding | undefined, base: string, self: string, lang: Lang): Bundle {
  const entry: BundleEntry[] = [];
  if (f?.card)
    entry.push({
      fullUrl: `${base}/Coverage/${f.card.cardCode}`,
      resource: coverageResource(f, f.card, lang),
      search: { mode: 'match' },
    });
  if (f?.notCovered) entry.push({ resource: notCoveredOutcome(f, lang), search: { mode: 'outcome' } });
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: f?.card ? 1 : 0,
    link: [{ relation: 'self', url: self }],
    ...(entry.length ? { entry } : {}),
  };
}

/** What the eligibility request asked, as the route read it. */
export interface EligibilityAsked {
  purpose: ('auth-requirements' | 'benefits' | 'discovery' | 'validation')[];
  /** The request's own identifier, echoed as the response's `request`. */
  requestIdentifier: { system?: string; value?: string } | null;
  facilityCode: string | null;
}

/**
 * The answer to `POST /fhir/CoverageEligibilityRequest`: `insurance[].inforce` and `benefitPeriod`
 * for the card the answer is about, the benefit level (and the co-payment it leaves) as the item's
 * benefits while it is in force, whether the facility asking is the registered initial one
 * (`item.network` in / out, and the extension), and when not covered the reason as `error[].code`
 * with the `disposition` in the reader's language.
 */
export function eligibilityResponse(
  f: CoverageFinding,
  asked: EligibilityAsked,
  created: string,
  lang: Lang,
): CoverageEligibilityResponse {
  const card = f.about;
  const inforce = f.notCovered === null;
  const insurance: CoverageEligibilityResponseInsurance[] = [];
  if (card) {
    const extension = initialFacilityExtension(card, f);
    insurance.push({
      ...(extension.length ? { extension } : {}),
      coverage: {
        reference: `Coverage/${card.cardCode}`,
        identifier: { system: IDENTIFIER_SYSTEMS.hiCard, value: card.cardCode },
      },
      inforce,
      benefitPeriod: { start: card.validFrom, ...(card.validTo ? { end: card.validTo } : {}) },
      ...(inforce
        ? {
            item: [
              {
                category: coding(
                  'http://terminology.hl7.org/CodeSystem/ex-benefitcategory',
                  '1',
                  t(lang, 'fhir.benefit.category'),
                ),
                ...(f.facility
                  ? {
                      network: coding(
                        'http://terminology.hl7.org/CodeSystem/benefit-network',
                        f.facility.isInitialFacility ? 'in' : 'out',
                        t(lang, f.facility.isInitialFacility ? 'fhir.network.in' : 'fhir.network.out'),
                      ),
                    }
                  : {}),
                unit: coding('http://terminology.hl7.org/CodeSystem/benefit-unit', 'individual', 'Individual'),
                benefit: [
                  {
                    type: coding(CODE_SYSTEMS.benefitType, 'benefit-level', t(lang, 'fhir.benefit.level')),
                    allowedUnsignedInt: card.benefitLevel,
                  },
                  {
                    type: coding(
                      'http://terminology.hl7.org/CodeSystem/benefit-type',
                      'copay-percent',
                      t(lang, 'fhir.benefit.copay'),
                    ),
                    allowedUnsignedInt: 100 - card.benefitLevel,
                  },
                ],
              },
            ],
          }
        : {}),
    });
  }
  const request: Reference<CoverageEligibilityRequest> = asked.requestIdentifier
    ? { identifier: asked.requestIdentifier }
    : { display: 'CoverageEligibilityRequest' };
  return {
    resourceType: 'CoverageEligibilityResponse',
    contained: [patientOf(f)],
    status: 'active',
    purpose: asked.purpose,
    patient: { reference: `#${CONTAINED_PATIENT}` },
    servicedDate: f.date,
    created,
    ...(asked.facilityCode
      ? { requestor: { identifier: { system: IDENTIFIER_SYSTEMS.facility, value: asked.facilityCode } } }
      : {}),
    request,
    outcome: 'complete',
    disposition: dispositionOf(f, lang),
    insurer: {
      identifier: { system: IDENTIFIER_SYSTEMS.agency, value: AGENCY_CODE },
      display: t(lang, 'fhir.insurer'),
    },
    ...(insurance.length ? { insurance } : {}),
    ...(f.notCovered ? { error: [{ code: reasonConcept(f, lang) }] } : {}),
  };
}

/** The FHIR issue type of an HTTP status (OperationOutcome.issue.code, value set issue-type). */
export function issueTypeOf(status: number): OperationOutcomeIssue['code'] {
  if (status === 401) return 'login';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 405 || status === 415) return 'not-supported';
  if (status === 409) return 'conflict';
  if (status === 413 || status === 431) return 'too-long';
  if (status === 422) return 'processing';
  if (status === 429) return 'throttled';
  if (status === 503) return 'transient';
  if (status >= 500) return 'exception';
  return 'invalid';
}

/** A refusal as an OperationOutcome: the stable code in `details.coding`, its title as `details.text`, the detail as `diagnostics`. */
export function operationOutcome(p: {
  status: number;
  code: string;
  title: string;
  detail: string;
  fields: string[];
}): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [
      {
        severity: p.status >= 500 ? 'fatal' : 'error',
        code: issueTypeOf(p.status),
        details: { coding: [{ system: CODE_SYSTEMS.problem, code: p.code }], text: p.title },
        diagnostics: p.detail,
        ...(p.fields.length ? { expression: p.fields } : {}),
      },
    ],
  };
}

/** What this server does: Coverage read and search, the eligibility request, JSON only, a facility's bearer token. */
export function capabilityStatement(lang: Lang): CapabilityStatement {
  const id = (name: string, documentation: string) => ({ name, type: 'token' as const, documentation });
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: CAPABILITY_DATE,
    publisher: t(lang, 'fhir.insurer'),
    kind: 'instance',
    software: { name: 'Ansinh' },
    implementation: { description: t(lang, 'fhir.capability.description') },
    fhirVersion: FHIR_VERSION,
    format: [FHIR_JSON, 'json'],
    rest: [
      {
        mode: 'server',
        documentation: t(lang, 'fhir.capability.rest'),
        security: {
          service: [coding('http://terminology.hl7.org/CodeSystem/restful-security-service', 'OAuth', 'OAuth')],
          description: t(lang, 'fhir.capability.security'),
        },
        resource: [
          {
            type: 'Coverage',
            interaction: [{ code: 'read' }, { code: 'search-type' }],
            searchParam: [
              id(
                'beneficiary.identifier',
                `${IDENTIFIER_SYSTEMS.personalId}|<12 digits> or ${IDENTIFIER_SYSTEMS.siNumber}|<10 digits>`,
              ),
              id('identifier', `${IDENTIFIER_SYSTEMS.hiCard}|<card code>`),
              { name: 'date', type: 'date', documentation: 'YYYY-MM-DD (eq prefix only); default today' },
            ],
          },
          {
            type: 'CoverageEligibilityRequest',
            interaction: [{ code: 'create', documentation: t(lang, 'fhir.capability.eligibility') }],
          },
        ],
      },
    ],
  };
}
