/** Human-readable renderings for the terminal, in the chosen language (cli/say.ts, messages/cli.ts). */
import type { ClaimState } from '../workflows/definitions';
import type { ContributionResult } from '../domain/contributions';
import type { EbookDocument } from '../domain/ebook';
import type { Line, Params, Words } from './say';

const FUNDS = ['SI_RETIREMENT', 'SI_SICKNESS', 'SI_OAOD', 'HI', 'UI'] as const;

/** Pads to a width counted in characters as a person sees them (Vietnamese letters are one each). */
export const padEnd = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s.normalize('NFC')].length));
export const padStart = (s: string, n: number) => ' '.repeat(Math.max(0, n - [...s.normalize('NFC')].length)) + s;

export function formatContribution(w: Words, r: ContributionResult): Line {
  const label = (f: string) => w.label('cli.fund.', f);
  const width = Math.max(...FUNDS.map((f) => [...label(f)].length), [...w.say('cli.contrib.fund')].length) + 2;
  const row = (fund: string, e: string, er: string) =>
    w.say('cli.contrib.row', { fund: padEnd(fund, width), employee: padStart(e, 18), employer: padStart(er, 18) });
  const rows = FUNDS.filter((f) => r.employee.byFund[f] || r.employer.byFund[f]).map((f) =>
    row(label(f), w.money(r.employee.byFund[f] ?? '0'), w.money(r.employer.byFund[f] ?? '0')),
  );
  const notes =
    (r.capped.si ? w.say('cli.contrib.siCapped') : '') +
    (r.capped.ui ? w.say('cli.contrib.uiCapped') : '') +
    (r.flooredFrom ? w.say('cli.contrib.floored', { amount: w.money(r.flooredFrom) }) : '');
  return w.lines([
    w.say('cli.contrib.title', { month: w.month(r.month), region: r.region }),
    w.say('cli.contrib.bases', {
      si: w.money(r.bases.si),
      hi: w.money(r.bases.hi),
      ui: w.money(r.bases.ui),
      notes,
    }),
    row(w.say('cli.contrib.fund'), w.say('cli.contrib.employee'), w.say('cli.contrib.employer')),
    ...rows,
    row(w.say('cli.contrib.total'), w.money(r.employee.total), w.money(r.employer.total)),
    w.say('cli.contrib.grandTotal', { amount: w.money(r.total) }),
  ]);
}

export function formatEbook(w: Words, doc: EbookDocument, version: number, sha256: string): Line {
  const id = doc.identity;
  return w.lines([
    w.say('cli.ebook.title', { name: id.fullName, personalId: id.personalId, si: id.siNumber }),
    w.say('cli.ebook.born', {
      date: w.date(id.dateOfBirth),
      gender: w.label('me.gender.', id.gender).toLowerCase(),
      nationality: id.nationality,
    }),
    w.say('cli.ebook.version', { version, sha256 }),
    w.say('cli.ebook.employments'),
    ...doc.employments.flatMap((e) => [
      w.say('cli.ebook.employment', {
        from: w.month(e.startMonth),
        to: e.endMonth ? w.month(e.endMonth) : w.say('cli.now'),
        employer: e.employerName,
        taxCode: e.employerTaxCode,
        unit: e.unitCode ?? '-',
        job: e.jobTitle,
        contract: w.label('field.contractType.', e.contractType).toLowerCase(),
      }),
      ...e.salaries.map((s) =>
        w.say('cli.ebook.salary', { month: w.month(s.effectiveMonth), amount: w.money(s.amount) }),
      ),
    ]),
    w.say('cli.ebook.hiCards'),
    ...doc.hiCards.map((c) =>
      w.say('cli.ebook.hiCard', {
        code: c.cardCode,
        level: c.benefitLevel,
        payer: w.label('facility.payer.', c.payerKind, { taxCode: c.payerTaxCode ?? '-' }).toLowerCase(),
        from: w.date(c.validFrom),
        to: c.validTo ? w.date(c.validTo) : w.say('cli.open'),
        facility: c.initialFacilityCode ? w.say('cli.ebook.facility', { code: c.initialFacilityCode }) : '',
      }),
    ),
  ]);
}

/** What a claim waits for, from its code and parameters (messages/claim.ts); the workflow's own words otherwise. */
function waitingFor(w: Words, st: ClaimState): string {
  const wt = st.waiting;
  if (!wt) return st.waitingFor;
  const params: Params = {};
  if (wt.month !== undefined) params['month'] = wt.month;
  if (wt.date !== undefined) params['date'] = w.date(wt.date);
  if (wt.status !== undefined) params['status'] = w.label('officer.claimStatus.', wt.status);
  return w.label('claim.waiting.', wt.code, params);
}

/** A claim's state for people: status, money, months, and what it waits for. */
export function formatClaim(
  w: Words,
  st: ClaimState & { tasks?: { kind: string; status: string; assignee: string | null; dueDate: string | null }[] },
): Line {
  const lines: Line[] = [
    w.say('cli.claim.head', {
      id: st.claimId,
      status: w.label('officer.claimStatus.', st.status),
      law: st.law ? w.say('cli.claim.law', { law: w.label('officer.law.', st.law) }) : '',
    }),
    w.say('cli.claim.eligible', {
      value:
        st.eligible === null
          ? '—'
          : st.eligible
            ? w.say('cli.yes')
            : w.say('cli.claim.notEligible', { reasons: st.reasons.join(', ') }),
    }),
  ];
  if (st.monthlyBenefit)
    lines.push(
      w.say('cli.claim.benefit', {
        amount: w.money(st.monthlyBenefit),
        months: st.durationMonths,
        date: w.date(st.startDate),
      }),
    );
  if (st.decisionDeadline && st.decision === null)
    lines.push(
      w.say('cli.claim.decisionDue', {
        date: w.date(st.decisionDeadline),
        alerts: st.decisionAlerts !== 'none' ? w.label('cli.claim.alert.', st.decisionAlerts) : '',
      }),
    );
  if (st.decision) lines.push(w.say('cli.claim.decision', { decision: w.label('cli.claim.decision.', st.decision) }));
  for (const m of st.months)
    lines.push(
      w.say('cli.claim.month', {
        index: String(m.index).padStart(2),
        from: w.date(m.from),
        to: w.date(m.to),
        status: w.label('officer.monthStatus.', m.status),
        paidOn: m.paidOn ? w.say('cli.claim.paidOn', { date: w.date(m.paidOn) }) : '',
        deadline: w.date(m.reportDeadline),
      }),
    );
  if (st.months.length)
    lines.push(
      w.say('cli.claim.counts', {
        paid: st.monthsPaid,
        suspended: st.monthsSuspended,
        remaining: st.monthsRemaining,
      }),
    );
  if (st.terminationGround)
    lines.push(w.say('cli.claim.terminated', { ground: w.label('cli.ground.', st.terminationGround) }));
  if (st.reservedMonths !== null) lines.push(w.say('cli.claim.reserved', { n: st.reservedMonths }));
  if (st.coverage)
    lines.push(
      w.say('cli.claim.coverage', {
        code: st.coverage.cardCode,
        from: w.date(st.coverage.validFrom),
        to: st.coverage.validTo ? w.date(st.coverage.validTo) : w.say('cli.open'),
      }),
    );
  for (const task of st.tasks ?? [])
    lines.push(
      w.say('cli.claim.task', {
        kind: w.label('officer.kind.', task.kind),
        status: w.label('officer.status.', task.status).toLowerCase(),
        assignee: task.assignee ? w.say('cli.claim.assignee', { who: task.assignee }) : '',
        due: task.dueDate ? w.say('cli.claim.taskDue', { date: w.date(task.dueDate) }) : '',
      }),
    );
  lines.push(w.say('cli.claim.waitingFor', { what: waitingFor(w, st) }));
  return w.lines(lines);
}
