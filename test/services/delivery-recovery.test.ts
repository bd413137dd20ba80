/**
 * The notices of account-access recovery are delivered (issue #14 part 3, with issue #13's relay):
 * the start is announced at the address on file, the completion at BOTH the new address and the old
 * contact — the one on file when the recovery opened, sealed in its notice since the new address is
 * on file by then: an old e-mail address by e-mail, an old phone by SMS — the expiry at the address
 * on file; by the real flows (the API, the workflow on the dev server, the activities) and the real
 * relay over SMTP and an HTTP SMS gateway.
 */
import { and, asc, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecoveryActivities } from '../../activities/recovery';
import { accessRecoveries, outbox, participants } from '../../db/schema';
import { DEV_CLAIM_SUBJECT_KEY } from '../../runtime/config';
import { openOtpNotice } from '../../services/otp';
import { storeRecovery } from '../../services/recovery';
import { recoveryWorkflowId } from '../../workflows/recovery-definitions';
import { apiFixture, bearer, type ApiFixture } from '../api/fixture';
import { testClock } from '../setup/harness';
import { delivered, startDelivery, type Delivery } from './delivery-helpers';

let f: ApiFixture;
let d: Delivery & { db: ApiFixture['tdb']['db'] };

beforeAll(async () => {
  f = await apiFixture('delivery_recovery', { worker: true, revocations: true });
  d = { ...(await startDelivery(f.tdb.db)), db: f.tdb.db };
});
afterAll(async () => {
  await d?.close();
  await f?.close();
});

describe('the notices of an account-access recovery are delivered', () => {
  it('the start reaches the address on file, the completion both the OLD address (sealed in its notice) and the new one', async () => {
    const pid = f.a.employees[0]!.personalId; // an@example.vn
    const me = await f.token({
      role: 'participant',
      personalId: pid,
      level: 2,
      authTime: Math.floor(testClock().getTime() / 1000),
    });
    const start = await f.app.inject({ method: 'POST', url: '/v1/recoveries', headers: bearer(me), payload: {} });
    expect(start.statusCode, start.body).toBe(201);
    const { recoveryId } = JSON.parse(start.body);
    // The start is announced at the address on file (the relay passes while the recovery waits).
    for (let i = 0; i < 400; i++) {
      const [row] = await f.tdb.db
        .select()
        .from(outbox)
        .where(eq(outbox.dedupeKey, `recovery:${recoveryId}:started`));
      if (row) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    await d.drain();
    const { mail: startedMail } = await delivered(d, 'recovery.started', { recipientId: pid, via: 'smtp' });
    expect(startedMail!.text).toContain(recoveryId);
    expect(JSON.stringify(startedMail!.to)).toContain('an@example.vn');
    let contact = { statusCode: 0, body: '' };
    for (let i = 0; i < 400 && contact.statusCode !== 200; i++) {
      contact = await f.app.inject({
        method: 'POST',
        url: `/v1/recoveries/${recoveryId}/contact`,
        headers: bearer(me),
        payload: { email: 'an.khoiphuc@example.vn' },
      });
      if (contact.statusCode !== 200) await new Promise((r) => setTimeout(r, 25));
    }
    expect(contact.statusCode, contact.body).toBe(200);
    const [n] = await f.tdb.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.kind, 'otp.code'), eq(outbox.recipientId, pid)))
      .orderBy(desc(outbox.id))
      .limit(1);
    const { code } = openOtpNotice(DEV_CLAIM_SUBJECT_KEY, n!.payload)!;
    const ok = await f.app.inject({
      method: 'POST',
      url: `/v1/recoveries/${recoveryId}/confirmation`,
      headers: bearer(me),
      payload: { code },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    await d.drain();
    // The completion reaches both: the OLD address (first, sealed in its notice: it is no longer on
    // file) and the new one (on file).
    const { mail: oldMail } = await delivered(d, 'recovery.completed', { recipientId: pid, via: 'smtp', nth: 0 });
    expect((oldMail!.to as { text: string }).text).toBe('an@example.vn');
    const { mail } = await delivered(d, 'recovery.completed', { recipientId: pid, via: 'smtp', nth: 1 });
    expect((mail!.to as { text: string }).text).toBe('an.khoiphuc@example.vn');
    const rows = await f.tdb.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.kind, 'recovery.completed'), eq(outbox.recipientId, pid)))
      .orderBy(asc(outbox.id));
    expect(rows.map((r) => (r.payload as { contact: string }).contact)).toEqual(['old', 'new']);
    // The sealed old address is erased once sent, from the notice and from the recovery.
    expect(rows.every((r) => !('sealed' in (r.payload as object)))).toBe(true);
    expect(JSON.stringify(rows)).not.toContain('an@example.vn');
    const [rec] = await f.tdb.db.select().from(accessRecoveries).where(eq(accessRecoveries.id, recoveryId));
    expect(rec).toMatchObject({ status: 'completed', oldContact: null });
  });

  it('an old contact that was a phone (no e-mail address on file) is told of the completion by SMS, the new address by e-mail', async () => {
    const pid = f.b.employees[1]!.personalId;
    await f.tdb.db
      .update(participants)
      .set({ email: null, phone: '0903456789' })
      .where(eq(participants.personalId, pid));
    const me = await f.token({
      role: 'participant',
      personalId: pid,
      level: 2,
      authTime: Math.floor(testClock().getTime() / 1000),
    });
    const start = await f.app.inject({ method: 'POST', url: '/v1/recoveries', headers: bearer(me), payload: {} });
    expect(start.statusCode, start.body).toBe(201);
    const { recoveryId } = JSON.parse(start.body);
    let contact = { statusCode: 0, body: '' };
    for (let i = 0; i < 400 && contact.statusCode !== 200; i++) {
      contact = await f.app.inject({
        method: 'POST',
        url: `/v1/recoveries/${recoveryId}/contact`,
        headers: bearer(me),
        payload: { email: 'binh.moi@example.vn' },
      });
      if (contact.statusCode !== 200) await new Promise((r) => setTimeout(r, 25));
    }
    expect(contact.statusCode, contact.body).toBe(200);
    // Captured when the recovery opened, sealed: not the number in clear.
    const [rec] = await f.tdb.db.select().from(accessRecoveries).where(eq(accessRecoveries.id, recoveryId));
    expect(rec!.oldContact).toEqual(expect.any(String));
    expect(rec!.oldContact).not.toContain('0903456789');
    const [n] = await f.tdb.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.kind, 'otp.code'), eq(outbox.recipientId, pid)))
      .orderBy(desc(outbox.id))
      .limit(1);
    const { code } = openOtpNotice(DEV_CLAIM_SUBJECT_KEY, n!.payload)!;
    const ok = await f.app.inject({
      method: 'POST',
      url: `/v1/recoveries/${recoveryId}/confirmation`,
      headers: bearer(me),
      payload: { code },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    await d.drain();
    const { row, sms } = await delivered(d, 'recovery.completed', { recipientId: pid, via: 'sms', nth: 0 });
    expect(row.channel).toBe('sms');
    expect(sms!.body.to).toBe('+84903456789');
    const { mail } = await delivered(d, 'recovery.completed', { recipientId: pid, via: 'smtp', nth: 1 });
    expect((mail!.to as { text: string }).text).toBe('binh.moi@example.vn');
  });

  it('an expired recovery is announced at the address on file (the inbox, when there is none)', async () => {
    const pid = f.b.employees[0]!.personalId; // no e-mail address on file
    const r = await storeRecovery(f.tdb.db, { personalId: pid, method: 'in_person', startedBy: 'officer:lan' });
    const acts = createRecoveryActivities({ db: f.tdb.db, clock: testClock });
    const ref = { recoveryId: r.id, workflowId: recoveryWorkflowId(r.id), runId: 'delivery' };
    await acts.openRecovery({ ...ref, expiresAt: testClock().toISOString() });
    await acts.expireRecovery(ref);
    await d.drain();
    await delivered(d, 'recovery.started', { recipientId: pid, via: 'inbox' });
    await delivered(d, 'recovery.expired', { recipientId: pid, via: 'inbox' });
  });
});
