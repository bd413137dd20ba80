/**
 * `npm run bench:relay`: the relay's throughput (services/relay.ts: lease, render, send, record —
 * notices per second) beside the bare send rate (nodemailer straight to the same SMTP peer, no
 * database) in the same run. A scratch database on the PostgreSQL at 127.0.0.1:5432
 * (BENCH_DATABASE_URL) gets BENCH_NOTICES (3,000) e-mail notices to participants with an address;
 * the peer is smtp-server in process on a free port with STARTTLS and AUTH (test/services/smtp-peer.ts,
 * counting, not parsing). Both sides use the same pooled transport (5 connections); the bare side keeps
 * BENCH_BATCH (50) sends in flight, the relay runs as `ansinh relay` does (its loops of passes of BENCH_BATCH). Prints both rates, the ratio and the floors: the relay delivers at least
 * FLOOR_NPS (100) notices a second in one process, and at least FLOOR_RATIO (0.25) of the bare rate —
 * what the lease and the two records per notice may cost.
 */
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/client';
import { createRelay, smtpTransport } from '../services/relay';
import { renderNotice } from '../services/notices';
import { startSmtpPeer } from '../test/services/smtp-peer';
import { appClock, scratchDatabase, thousands, timesFloor } from './harness';

const NOTICES = Number(process.env.BENCH_NOTICES ?? 3000);
const BATCH = Number(process.env.BENCH_BATCH ?? 50);
const FLOOR_NPS = Number(process.env.FLOOR_NPS ?? 100);
const FLOOR_RATIO = Number(process.env.FLOOR_RATIO ?? 0.25);
const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

async function main() {
  const scratch = await scratchDatabase('bench_relay', { max: 10 });
  const peer = await startSmtpPeer({ parse: false });
  const db = scratch.handle.db;
  try {
    await db.execute(sql`
      insert into participants (personal_id, si_number, full_name, date_of_birth, gender, email)
      select lpad(i::text, 12, '0'), lpad(i::text, 10, '0'), 'Nguyễn Văn ' || i, '1990-01-01', 'male', 'p' || i || '@example.vn'
        from generate_series(1, 100) i`);
    await db.execute(sql`
      insert into outbox (dedupe_key, kind, channel, recipient_type, recipient_id, payload)
      select 'bench:' || i, 'claim.payment', 'email', 'participant', lpad((1 + i % 100)::text, 12, '0'),
             jsonb_build_object('claimId', gen_random_uuid(), 'month', 1 + i % 12, 'amount', '4500000.00', 'paidOn', '2026-12-05')
        from generate_series(1, ${NOTICES}) i`);

    // 1. The bare send rate: the same messages, straight through nodemailer.
    const bare = smtpTransport(peer.url());
    const sample = renderNotice('claim.payment', {
      claimId: 'x',
      month: 1,
      amount: '4500000.00',
      paidOn: '2026-12-05',
    });
    let next = 0;
    const t0 = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: BATCH }, async () => {
        while (next < NOTICES) {
          const i = next++;
          await bare.sendMail({
            from: 'Ansinh <a@ansinh.local>',
            to: `p${1 + (i % 100)}@example.vn`,
            subject: sample.subject,
            text: sample.text,
            messageId: `<bare-${i}@ansinh.local>`,
          });
        }
      }),
    );
    const bareSeconds = seconds(t0);
    bare.close();
    await peer.waitFor(NOTICES);

    // 2. The relay: lease, render, send, record, until the outbox is empty.
    const transport = smtpTransport(peer.url());
    const relay = createRelay({ db, clock: appClock, transport, from: 'Ansinh <a@ansinh.local>', batch: BATCH });
    const countSent = async () =>
      (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from outbox where status = 'sent'`))[0]!.n;
    const t1 = process.hrtime.bigint();
    // As `ansinh relay` runs it: its loops of passes (lease, send, record), until every notice is sent.
    const running = relay.start(20);
    let sent = 0;
    while ((sent = await countSent()) < NOTICES) await new Promise((r) => setTimeout(r, 20));
    const relaySeconds = seconds(t1);
    await running.stop();
    transport.close();
    await peer.waitFor(2 * NOTICES);
    const [left] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from outbox where status <> 'sent'`,
    );

    const bareRate = NOTICES / bareSeconds;
    const relayRate = sent / relaySeconds;
    const ratio = relayRate / bareRate;
    console.log(
      `notices:                ${thousands(NOTICES)} (claim.payment, Vietnamese subject), ${BATCH} in flight, pool of 5 SMTP connections, STARTTLS + AUTH`,
    );
    console.log(`bare nodemailer send:   ${thousands(bareRate)} messages/s (${bareSeconds.toFixed(2)} s)`);
    console.log(
      `relay (lease+send+record): ${thousands(relayRate)} notices/s (${relaySeconds.toFixed(2)} s), ${sent} sent, ${left?.n ?? '?'} not sent`,
    );
    console.log(`ratio relay / bare:     ${ratio.toFixed(2)} (floor ${FLOOR_RATIO})`);
    console.log(`floor:                  ${FLOOR_NPS} notices/s — ${timesFloor(relayRate, FLOOR_NPS)} the floor`);
    if (sent !== NOTICES || (left?.n ?? 1) !== 0) {
      console.error('not every notice was sent exactly once');
      process.exitCode = 1;
    }
    if (relayRate < FLOOR_NPS || ratio < FLOOR_RATIO) {
      console.error('below the floor');
      process.exitCode = 1;
    }
  } finally {
    await peer.close();
    await scratch.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
