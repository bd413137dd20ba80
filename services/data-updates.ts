/**
 * A participant's data-update requests (issue #14 part 1), the synchronous commands: file a
 * request, confirm a new e-mail address or phone with its one-time code, attach evidence, read a
 * request. One transaction each. Contact details apply at once when the code is right; the other
 * kinds are reviewed by an officer in the workflow `data-update:<id>` (client/data-updates.ts
 * starts it after the filing commits, and the activities write the review's steps).
 *
 * A new phone number is confirmed by a code sent by SMS to that number (services/sms.ts, through
 * the outbox like an e-mail code), which proves the participant holds it (rules §8.38). Without an
 * SMS gateway (no SMS_GATEWAY_URL) a phone change is refused, NO_SMS_GATEWAY, before anything is written.
 */
import type { Db, Executor } from '../db/client';
import { audit, enqueue } from '../db/queries/audit';
import {
  dataUpdateEscalated,
  dataUpdatesOf,
  findDataUpdate,
  insertDataUpdate,
  lockDataUpdate,
  lockOpenDataUpdate,
  lockParticipantFields,
  setDataUpdate,
  setParticipantFields,
  type DataUpdateRow,
  type ParticipantFields,
} from '../db/queries/data-updates';
import { rewriteEbooks } from '../db/queries/ebooks';
import { closeTasks } from '../db/queries/tasks';
import { localDateOf, workingDaysLeft, type IsoDate } from '../domain/calendar';
import {
  correctionAgreesWithPersonalId,
  isReviewed,
  requestedValues,
  type DataUpdateFiling,
  type DataUpdateKind,
  type DataUpdateStatus,
  type DataUpdateView,
} from '../domain/data-updates';
import { DomainError } from '../domain/errors';
import { checkedBankAccountInput, requestedForDisplay, sealedRequest } from './bank-accounts';
import { attachEvidence, evidenceDocument, evidenceOf, type Upload } from './evidence';
import { checkOneTimeCode, issueOneTimeCode, otpRefusal, type OtpDeps } from './otp';

export const dataUpdateWorkflowIdOf = (id: number) => `data-update:${id}`;
export const dataUpdateOwnerKey = (id: number) => `data-update:${id}`;
const codeKey = (id: number, kind: string) => `data-update:${id}:${kind}`;

export interface DataUpdateDeps extends OtpDeps {
  db: Db;
  /** Whether an SMS gateway is configured (SMS_GATEWAY_URL): a new phone number's code goes by SMS. */
  sms?: boolean;
}

export interface FiledDataUpdate {
  request: DataUpdateRow;
  /** When the one-time code sent for a contact change expires. */
  codeExpiresAt: Date | null;
}

/** The participant's fields a request changes: the requested values as they will be written. */
function changesOf(kind: DataUpdateKind, requested: Record<string, string>): Partial<ParticipantFields> {
  switch (kind) {
    case 'email':
      return { email: requested['email']! };
    case 'phone':
      return { phone: requested['phone']! };
    case 'nationality':
      return { nationality: requested['nationality']! };
    case 'identity': {
      const out: Partial<ParticipantFields> = {};
      for (const f of ['fullName', 'dateOfBirth', 'gender'] as const)
        if (requested[f] !== undefined) out[f] = requested[f];
      return out;
    }
    case 'bank_account':
      return {};
  }
}

/**
 * Files a request. A corrected birth date or gender that disagrees with the personal ID is refused
 * with the rule's code; so is a request that changes nothing. A contact change issues its code
 * (sent through the outbox) in the same transaction, and replaces a contact request of the same
 * kind still waiting for its code; a reviewed kind is refused while one of its kind is open.
 */
export async function fileDataUpdate(
  deps: DataUpdateDeps,
  filing: DataUpdateFiling,
  filedBy: string,
  today: IsoDate = localDateOf(deps.clock().getTime()),
): Promise<FiledDataUpdate> {
  // A code for a new phone goes by SMS: without a gateway it could not arrive, so nothing is written.
  if (filing.kind === 'phone' && !deps.sms)
    throw new DomainError(
      'NO_SMS_GATEWAY',
      'a new phone number is confirmed by a code sent by SMS, and no SMS gateway is configured',
      'phone',
    );
  return deps.db.transaction(async (tx) => {
    const person = await lockParticipantFields(tx, filing.personalId);
    if (!person) throw new DomainError('PARTICIPANT_NOT_FOUND', 'no such participant', 'personalId');
    let requested = requestedValues(filing);
    if (filing.kind === 'bank_account') {
      // Refused now if it could never be paid into (rules §8.35); kept with its number sealed.
      const account = await checkedBankAccountInput(tx, filing.personalId, {
        bankCode: filing.bankCode,
        accountNumber: filing.accountNumber,
        holderName: filing.accountHolder,
      });
      requested = sealedRequest(deps.secret, filing.personalId, {
        ...requested,
        bankCode: account.bankCode,
        accountNumber: account.accountNumber,
      });
    }
    if (filing.kind === 'identity') {
      const agrees = correctionAgreesWithPersonalId(filing.personalId, {
        dateOfBirth: filing.dateOfBirth,
        gender: filing.gender,
      });
      if (!agrees.ok)
        throw new DomainError(agrees.code, agrees.message, filing.dateOfBirth !== undefined ? 'dateOfBirth' : 'gender');
    }
    const changes = changesOf(filing.kind, requested);
    if (
      filing.kind !== 'bank_account' &&
      Object.entries(changes).every(([k, v]) => person[k as keyof ParticipantFields] === v)
    )
      throw new DomainError('NOTHING_TO_CHANGE', 'the database already holds these values');
    const open = await lockOpenDataUpdate(tx, filing.personalId, filing.kind);
    const now = deps.clock();
    if (open && isReviewed(filing.kind))
      throw new DomainError('DATA_UPDATE_ALREADY_OPEN', 'a request of this kind is already being reviewed', 'kind', {
        requestId: open.id,
      });
    if (open) await setDataUpdate(tx, open.id, { status: 'cancelled', updatedAt: now });
    const reviewed = isReviewed(filing.kind);
    const request = await insertDataUpdate(tx, {
      personalId: filing.personalId,
      kind: filing.kind,
      status: reviewed ? 'awaiting_review' : 'awaiting_code',
      requested,
      filedBy,
      filedAt: now,
      filedOn: today,
      updatedAt: now,
    });
    if (!request) throw new DomainError('DATA_UPDATE_ALREADY_OPEN', 'a request of this kind is already open', 'kind');
    let codeExpiresAt: Date | null = null;
    if (reviewed) {
      const workflowId = dataUpdateWorkflowIdOf(request.id);
      await setDataUpdate(tx, request.id, { workflowId, updatedAt: now });
      request.workflowId = workflowId;
    } else {
      const issued = await issueOneTimeCode(tx, deps, {
        processKey: codeKey(request.id, filing.kind),
        purpose: `data_update.${filing.kind}`,
        recipientType: 'participant',
        recipientId: filing.personalId,
        // The new address or the new number gets the code itself: it proves the participant holds it.
        ...(filing.kind === 'email' ? { email: requested['email']! } : { phone: requested['phone']! }),
      });
      codeExpiresAt = issued.expiresAt;
    }
    await audit(tx, {
      actor: filedBy,
      action: 'data_update.filed',
      subjectType: 'data_update',
      subjectId: String(request.id),
      details: { kind: filing.kind },
    });
    return { request, codeExpiresAt };
  });
}

/** A filing whose workflow could not start is withdrawn (its review never began): nothing is left waiting. */
export async function withdrawDataUpdate(db: Db, id: number, clock: () => Date): Promise<void> {
  await db.transaction(async (tx) => {
    const r = await lockDataUpdate(tx, id);
    if (!r || r.status !== 'awaiting_review') return;
    await setDataUpdate(tx, id, { status: 'cancelled', updatedAt: clock() });
    await closeTasks(
      tx,
      { dedupeKey: `data-update:${id}:review:1` },
      { status: 'cancelled', by: 'system:data-updates' },
    );
  });
}

/**
 * Confirms a contact change with its code: a right code writes the new address or number at once,
 * with the participant's notice and e-book, in one transaction. A wrong code is counted (that
 * attempt is committed) and then refused with its OTP_* code.
 */
export async function confirmDataUpdateCode(
  deps: DataUpdateDeps,
  id: number,
  code: string,
  by: string,
): Promise<DataUpdateRow> {
  const outcome = await deps.db.transaction(async (tx) => {
    const r = await lockDataUpdate(tx, id);
    if (!r) throw new DomainError('DATA_UPDATE_NOT_FOUND', 'no such request');
    if (r.status !== 'awaiting_code')
      throw new DomainError('WRONG_STATE', `no code is awaited while the request is ${r.status}`);
    const checked = await checkOneTimeCode(tx, deps, { processKey: codeKey(id, r.kind), code });
    if (!checked.ok) return checked;
    const now = deps.clock();
    const requested = r.requested as Record<string, string>;
    const person = (await lockParticipantFields(tx, r.personalId))!;
    const changes = changesOf(r.kind as DataUpdateKind, requested);
    const previous = Object.fromEntries(Object.keys(changes).map((k) => [k, person[k as keyof ParticipantFields]]));
    await setParticipantFields(tx, r.personalId, changes, now);
    await setDataUpdate(tx, id, {
      status: 'approved',
      previous,
      decidedBy: by,
      decidedOn: localDateOf(now.getTime()),
      appliedAt: now,
      updatedAt: now,
    });
    await enqueue(tx, {
      dedupeKey: `data-update:${id}:approved`,
      kind: 'data_update.approved',
      channel: 'email',
      recipientType: 'participant',
      recipientId: r.personalId,
      payload: { requestId: id, kind: r.kind },
    });
    await audit(tx, {
      actor: by,
      action: 'data_update.confirmed',
      subjectType: 'data_update',
      subjectId: String(id),
      details: { kind: r.kind },
    });
    await rewriteEbooks(tx, [r.personalId]);
    return checked;
  });
  if (!outcome.ok) throw otpRefusal(outcome);
  return (await findDataUpdate(deps.db, id))!;
}

/**
 * Attaches a document to an open reviewed request (the same bytes again: the stored one). Returns
 * whether the review was paused for more evidence, so the caller tells the workflow to resume it.
 */
export async function attachDataUpdateEvidence(
  db: Db,
  id: number,
  upload: Upload,
  by: string,
  at: Date,
): Promise<{ documentId: number; alreadyStored: boolean; status: DataUpdateStatus }> {
  return db.transaction(async (tx) => {
    const r = await lockDataUpdate(tx, id);
    if (!r) throw new DomainError('DATA_UPDATE_NOT_FOUND', 'no such request');
    if (r.status !== 'awaiting_review' && r.status !== 'more_evidence')
      throw new DomainError('WRONG_STATE', `no evidence is taken while the request is ${r.status}`);
    const { document, alreadyStored } = await attachEvidence(tx, {
      ...upload,
      ownerKey: dataUpdateOwnerKey(id),
      uploadedBy: by,
      at,
    });
    if (!alreadyStored)
      await audit(tx, {
        actor: by,
        action: 'data_update.evidence_added',
        subjectType: 'data_update',
        subjectId: String(id),
        details: { documentId: document.id, size: document.size, contentType: document.contentType },
      });
    return { documentId: document.id, alreadyStored, status: r.status as DataUpdateStatus };
  });
}

/** The request as its participant and the officers read it, with its evidence (metadata only). */
export async function dataUpdateView(exec: Executor, r: DataUpdateRow, today: IsoDate): Promise<DataUpdateView> {
  const open = r.status === 'awaiting_review';
  return {
    requestId: r.id,
    personalId: r.personalId,
    kind: r.kind as DataUpdateKind,
    status: r.status as DataUpdateStatus,
    requested: requestedForDisplay(r.requested as Record<string, string>),
    filedOn: r.filedOn,
    dueDate: r.status === 'awaiting_review' || r.status === 'more_evidence' ? r.dueDate : null,
    reviewDaysLeft: open && r.dueDate ? workingDaysLeft(today, r.dueDate) : null,
    decidedOn: r.decidedOn,
    reason: r.reason,
    applied: r.appliedAt !== null,
    escalated: await dataUpdateEscalated(exec, r.id),
    codeExpiresAt: null,
    evidence: (await evidenceOf(exec, dataUpdateOwnerKey(r.id))).map((e) => ({
      id: e.id,
      filename: e.filename,
      contentType: e.contentType,
      size: e.size,
      sha256: e.sha256,
      createdAt: new Date(e.createdAt).toISOString(),
    })),
  };
}

/** The request by id; DATA_UPDATE_NOT_FOUND when there is none. */
export async function findDataUpdateOrThrow(exec: Executor, id: number): Promise<DataUpdateRow> {
  const r = await findDataUpdate(exec, id);
  if (!r) throw new DomainError('DATA_UPDATE_NOT_FOUND', 'no such request');
  return r;
}

export const dataUpdatesOfParticipant = (exec: Executor, personalId: string, limit: number, before?: number) =>
  dataUpdatesOf(exec, personalId, limit, before);

/** One evidence document's bytes (the officer's review page links to it). */
export async function dataUpdateEvidenceFile(exec: Executor, id: number, documentId: number) {
  const doc = await evidenceDocument(exec, dataUpdateOwnerKey(id), documentId);
  if (!doc) throw new DomainError('NOT_FOUND', 'no such document');
  return doc;
}
