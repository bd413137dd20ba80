/**
 * Who may do what: one table, enforced by every route and documented by the authorisation-matrix
 * test. A resource names the tax code or personal ID it belongs to.
 */
import type { Principal, Role } from './auth';

export type Action =
  | 'onboarding.submit'
  | 'onboarding.read'
  | 'onboarding.decide'
  | 'employer.read'
  | 'employer.employees'
  | 'employer.declare'
  | 'employer.statement'
  | 'employer.announce'
  | 'employer.payments'
  | 'ebook.read'
  | 'accessLog.read'
  | 'ebook.email'
  | 'coverage.verify'
  | 'ebooks.verify'
  | 'reconciliation.run'
  | 'claim.file'
  | 'claim.read'
  | 'claim.decide'
  | 'claim.report'
  | 'claim.terminate'
  | 'bank.import'
  | 'bank.suspense'
  | 'bank.assign'
  | 'payloads.codec'
  // Issue 12, Part A (the work queue)
  | 'tasks.read'
  | 'tasks.stalled'
  // Issue #12, Part B (lists and search).
  | 'claims.list'
  | 'onboardings.list'
  | 'participants.search'
  | 'employers.search'
  | 'employer.periods'
  | 'claim.payments'
  | 'participant.payments'
  // Issue 12, the officer's claim page:
  | 'claim.timeline'
  // The operator's console (issue #12, helper "operator").
  | 'reconciliation.schedule'
  | 'ledger.verify'
  | 'audit.verify'
  | 'arrears.read'
  // Issue 13, delivery (helper "relay").
  | 'notices.read'
  | 'notices.retry'
  | 'participant.notices'
  | 'employer.notices'
  // Issue 13, the recipient's language (helper "pref").
  | 'participant.preferences'
  | 'employer.preferences'
  // Issue 14 part 3, account-access recovery (helper "recovery").
  | 'recovery.start'
  | 'recovery.read'
  | 'recovery.verify'
  | 'recovery.contact'
  | 'recovery.confirm'
  // Issue 14 part 4, benefits paid into bank accounts (helper "bankpay").
  | 'bankAccount.read'
  | 'bankAccount.propose'
  | 'bankAccount.verify'
  | 'paymentFile.run'
  | 'paymentFile.read'
  // Issue 14 part 2 (declaration cases).
  | 'declarationCase.open'
  | 'declarationCase.read'
  | 'declarationCase.evidence'
  | 'declarationCase.confirmArrears'
  | 'declarationCase.employerView'
  | 'declarationCase.dismiss'
  | 'declarationCase.closeReferral'
  // Issue 14 part 1 (data-update requests).
  | 'dataUpdate.file'
  | 'dataUpdate.read'
  | 'dataUpdate.confirm'
  | 'dataUpdate.evidence'
  | 'dataUpdate.decide'
  // Issue 15: FHIR R4 for healthcare facilities; an officer locks or withdraws an HI card.
  | 'fhir.coverage'
  | 'hiCard.lock';

export interface Resource {
  taxCode?: string;
  personalId?: string;
}

type Rule = 'any' | 'own' | 'none';

/** Rows: actions; columns: roles. `own` = only the resource bound to the caller's token. */
export const POLICY: Record<Action, Record<Role, Rule>> = {
  'onboarding.submit': {
    officer: 'any',
    employer: 'own',
    participant: 'none',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  'onboarding.read': {
    officer: 'any',
    employer: 'own',
    participant: 'none',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  'onboarding.decide': {
    officer: 'any',
    employer: 'none',
    participant: 'none',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  'employer.read': {
    officer: 'any',
    employer: 'own',
    participant: 'none',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  'employer.employees': {
    officer: 'any',
    employer: 'own',
    participant: 'none',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  'employer.declare': {
    officer: 'any',
    employer: 'own',
    participant: 'none',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  'employer.statement': {
    officer: 'any',
    employer: 'own',
    participant: 'none',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  'employer.announce': {
    officer: 'any',
    employer: 'own',
    participant: 'none',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  'employer.payments': {
    officer: 'any',
    employer: 'own',
    participant: 'none',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  'ebook.read': {
    officer: 'any',
    employer: 'none',
    participant: 'own',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  // Who looked at my data (issue #11): the person themselves (level 2), and officers working a case.
  'accessLog.read': {
    officer: 'any',
    employer: 'none',
    participant: 'own',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  'ebook.email': {
    officer: 'any',
    employer: 'none',
    participant: 'own',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  'coverage.verify': {
    officer: 'any',
    employer: 'none',
    participant: 'own',
    facility: 'any',
    operator: 'none',
    bank: 'none',
  },
  'reconciliation.run': {
    officer: 'none',
    employer: 'none',
    participant: 'none',
    facility: 'none',
    operator: 'any',
    bank: 'none',
  },
  'ebooks.verify': {
    officer: 'none',
    employer: 'none',
    participant: 'none',
    facility: 'none',
    operator: 'any',
    bank: 'none',
  },
  'claim.file': {
    officer: 'any',
    employer: 'none',
    participant: 'own',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  'claim.read': {
    officer: 'any',
    employer: 'none',
    participant: 'own',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  'claim.decide': {
    officer: 'any',
    employer: 'none',
    participant: 'none',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  'claim.report': {
    officer: 'any',
    employer: 'none',
    participant: 'own',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  'claim.terminate': {
    officer: 'any',
    employer: 'none',
    participant: 'own',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  // Money comes from the bank: its statements are posted by the bank itself or imported by an operator.
  'bank.import': {
    officer: 'none',
    employer: 'none',
    participant: 'none',
    facility: 'none',
    operator: 'any',
    bank: 'any',
  },
  'bank.suspense': {
    officer: 'any',
    employer: 'none',
    participant: 'none',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  'bank.assign': {
    officer: 'any',
    employer: 'none',
    participant: 'none',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  // Decrypting Temporal payloads (the Web UI's codec server) shows workflow data in clear: operators only.
  'payloads.codec': {
    officer: 'none',
    employer: 'none',
    participant: 'none',
    facility: 'none',
    operator: 'any',
    bank: 'none',
  },
  // Issue 12, Part A (helper "queues"): the work queue. Officers work it; operators watch it. What
  // is stalled (every actor's waits past their deadline) is an operator's view, and a supervising
  // officer's: ids and dates only, nothing an officer could not already read.
  'tasks.read': {
    officer: 'any',
    employer: 'none',
    participant: 'none',
    facility: 'none',
    operator: 'any',
    bank: 'none',
  },
  'tasks.stalled': {
    officer: 'any',
    employer: 'none',
    participant: 'none',
    facility: 'none',
    operator: 'any',
    bank: 'none',
  },
  // Issue #12, Part B (lists and search). `own` on a list: the caller sees only what is bound to
  // the token (a participant their claims, an employer its dossiers); searches are officers' only.
  'claims.list': {
    officer: 'any',
    employer: 'none',
    participant: 'own',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  'onboardings.list': {
    officer: 'any',
    employer: 'own',
    participant: 'none',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  'participants.search': {
    officer: 'any',
    employer: 'none',
    participant: 'none',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  'employers.search': {
    officer: 'any',
    employer: 'none',
    participant: 'none',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  'employer.periods': {
    officer: 'any',
    employer: 'own',
    participant: 'none',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  'claim.payments': {
    officer: 'any',
    employer: 'none',
    participant: 'own',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  'participant.payments': {
    officer: 'any',
    employer: 'none',
    participant: 'own',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  // Issue 12, the officer's claim page: a claim's timeline (its audit events), for whoever may read the claim.
  'claim.timeline': {
    officer: 'any',
    employer: 'none',
    participant: 'own',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  // The operator's console (issue #12, helper "operator"): the schedule, the ledger and audit
  // verifications (tax codes, claim ids and hash buckets, no people), the arrears by month (sums).
  'reconciliation.schedule': {
    officer: 'none',
    employer: 'none',
    participant: 'none',
    facility: 'none',
    operator: 'any',
    bank: 'none',
  },
  'ledger.verify': {
    officer: 'none',
    employer: 'none',
    participant: 'none',
    facility: 'none',
    operator: 'any',
    bank: 'none',
  },
  'audit.verify': {
    officer: 'none',
    employer: 'none',
    participant: 'none',
    facility: 'none',
    operator: 'any',
    bank: 'none',
  },
  'arrears.read': {
    officer: 'none',
    employer: 'none',
    participant: 'none',
    facility: 'none',
    operator: 'any',
    bank: 'none',
  },
  // Issue 13, delivery (helper "relay"): the dead letters are the operators' to see and retry; a
  // person's inbox is theirs (level 2, as every participant token) and the officers' working a case.
  'notices.read': {
    officer: 'none',
    employer: 'none',
    participant: 'none',
    facility: 'none',
    operator: 'any',
    bank: 'none',
  },
  'notices.retry': {
    officer: 'none',
    employer: 'none',
    participant: 'none',
    facility: 'none',
    operator: 'any',
    bank: 'none',
  },
  'participant.notices': {
    officer: 'any',
    employer: 'none',
    participant: 'own',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  // Issue 13 (helper "delivery"): an employer's inbox and its notices' PDFs (the arrears notice) are
  // the unit's own; officers see them as they see the unit.
  'employer.notices': {
    officer: 'any',
    employer: 'own',
    participant: 'none',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  // Issue 13, the recipient's language (helper "pref"): the person themself (level 2, as every
  // participant token) or the employer itself, and an officer on their behalf.
  'participant.preferences': {
    officer: 'any',
    employer: 'none',
    participant: 'own',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  'employer.preferences': {
    officer: 'any',
    employer: 'own',
    participant: 'none',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  }, // A participant's bank account: theirs to see and propose (level 2), an officer's to verify.
  'bankAccount.read': {
    officer: 'any',
    employer: 'none',
    participant: 'own',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  'bankAccount.propose': {
    officer: 'any',
    employer: 'none',
    participant: 'own',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  'bankAccount.verify': {
    officer: 'any',
    employer: 'none',
    participant: 'none',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  // The payment runs' files: operators make and read them (they carry account numbers).
  'paymentFile.run': {
    officer: 'none',
    employer: 'none',
    participant: 'none',
    facility: 'none',
    operator: 'any',
    bank: 'none',
  },
  'paymentFile.read': {
    officer: 'none',
    employer: 'none',
    participant: 'none',
    facility: 'none',
    operator: 'any',
    bank: 'none',
  },
  // Issue 14 part 3: a participant recovers their own account (fresh VNeID level 2); an officer any, at the desk.
  'recovery.start': {
    officer: 'any',
    employer: 'none',
    participant: 'own',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  'recovery.read': {
    officer: 'any',
    employer: 'none',
    participant: 'own',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  'recovery.verify': {
    officer: 'any',
    employer: 'none',
    participant: 'none',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  'recovery.contact': {
    officer: 'any',
    employer: 'none',
    participant: 'own',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  'recovery.confirm': {
    officer: 'any',
    employer: 'none',
    participant: 'own',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  // Issue 14 part 2: a participant opens a case against an employer for themselves, reads it and adds
  // evidence; an officer may do the same on their behalf, reads every case and confirms arrears; the
  // employer reads only its own view of a case against it (no participant when anonymous).
  'declarationCase.open': {
    officer: 'any',
    employer: 'none',
    participant: 'own',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  'declarationCase.read': {
    officer: 'any',
    employer: 'none',
    participant: 'own',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  'declarationCase.evidence': {
    officer: 'any',
    employer: 'none',
    participant: 'own',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  'declarationCase.confirmArrears': {
    officer: 'any',
    employer: 'none',
    participant: 'none',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  'declarationCase.employerView': {
    officer: 'any',
    employer: 'own',
    participant: 'none',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  // An officer ends what the months did not: dismisses a case, closes a referral with its outcome.
  'declarationCase.dismiss': {
    officer: 'any',
    employer: 'none',
    participant: 'none',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  'declarationCase.closeReferral': {
    officer: 'any',
    employer: 'none',
    participant: 'none',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  // Issue 14 part 1: a participant asks to change their own data (level 2, as every participant
  // token), confirms a contact change and adds evidence; an officer may do the same on their behalf,
  // reads every request and decides. Only an officer decides.
  'dataUpdate.file': {
    officer: 'any',
    employer: 'none',
    participant: 'own',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  'dataUpdate.read': {
    officer: 'any',
    employer: 'none',
    participant: 'own',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  'dataUpdate.confirm': {
    officer: 'none',
    employer: 'none',
    participant: 'own',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  'dataUpdate.evidence': {
    officer: 'any',
    employer: 'none',
    participant: 'own',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  'dataUpdate.decide': {
    officer: 'any',
    employer: 'none',
    participant: 'none',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
  // The /fhir base is the facilities' (issue 15): their systems speak FHIR; people and officers use /v1.
  'fhir.coverage': {
    officer: 'none',
    employer: 'none',
    participant: 'none',
    facility: 'any',
    operator: 'none',
    bank: 'none',
  },
  'hiCard.lock': {
    officer: 'any',
    employer: 'none',
    participant: 'none',
    facility: 'none',
    operator: 'none',
    bank: 'none',
  },
};

export function allowed(p: Principal, action: Action, r: Resource = {}): boolean {
  const rule = POLICY[action][p.role];
  if (rule === 'any') return true;
  if (rule === 'none') return false;
  if (p.role === 'employer') return r.taxCode !== undefined && r.taxCode === p.taxCode;
  if (p.role === 'participant') return r.personalId !== undefined && r.personalId === p.personalId;
  return false;
}

/** Whether the role may ever do this (on some resource): lets a route refuse before any lookup. */
export function mayEver(p: Principal, action: Action): boolean {
  return POLICY[action][p.role] !== 'none';
}
