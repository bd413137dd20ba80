/** Human-readable renderings for the terminal. */
import type { ClaimState } from '../workflows/definitions';
import type { ContributionResult } from '../domain/contributions';
import type { EbookDocument } from '../domain/ebook';
import { formatVnd } from '../domain/money';

const FUND_NAMES: Record<string, string> = {
  SI_RETIREMENT: 'SI retirement & survivorship',
  SI_SICKNESS: 'SI sickness & maternity',
  SI_OAOD: 'SI occupational accident & disease',
  HI: 'Health insurance',
  UI: 'Unemployment insurance',
};

export function formatContribution(r: ContributionResult): string {
  const rows = Object.keys(FUND_NAMES)
    .filter(
      (f) =>
        r.employee.byFund[f as keyof typeof r.employee.byFund] ||
        r.employer.byFund[f as keyof typeof r.employer.byFund],
    )
    .map((f) => {
      const e = r.employee.byFund[f as keyof typeof r.employee.byFund] ?? '0';
      const er = r.employer.byFund[f as keyof typeof r.employer.byFund] ?? '0';
      return `  ${FUND_NAMES[f]!.padEnd(36)} ${formatVnd(e).padStart(16)} ${formatVnd(er).padStart(16)}`;
    });
  return [
    `Contributions for ${r.month}, region ${r.region}`,
    `  bases: SI ${formatVnd(r.bases.si)}, HI ${formatVnd(r.bases.hi)}, UI ${formatVnd(r.bases.ui)}` +
      `${r.capped.si ? ' (SI capped)' : ''}${r.capped.ui ? ' (UI capped)' : ''}${r.flooredFrom ? ` (raised to the floor from ${formatVnd(r.flooredFrom)})` : ''}`,
    `  ${'fund'.padEnd(36)} ${'employee'.padStart(16)} ${'employer'.padStart(16)}`,
    ...rows,
    `  ${'total'.padEnd(36)} ${formatVnd(r.employee.total).padStart(16)} ${formatVnd(r.employer.total).padStart(16)}`,
    `  grand total ${formatVnd(r.total)}`,
  ].join('\n');
}

export function formatEbook(doc: EbookDocument, version: number, sha256: string): string {
  const id = doc.identity;
  const lines = [
    `E-book of ${id.fullName} — personal ID ${id.personalId}, SI number ${id.siNumber}`,
    `  born ${id.dateOfBirth}, ${id.gender}, nationality ${id.nationality}`,
    `  version ${version}, sha256 ${sha256}`,
    '  employment:',
    ...doc.employments.map(
      (e) =>
        `    ${e.startMonth}–${e.endMonth ?? 'now'}  ${e.employerName} (${e.employerTaxCode}, unit ${e.unitCode ?? '-'}), ${e.jobTitle}, ${e.contractType}` +
        e.salaries.map((s) => `\n      salary from ${s.effectiveMonth}: ${formatVnd(s.amount)}`).join(''),
    ),
    '  health insurance:',
    ...doc.hiCards.map(
      (c) =>
        `    card ${c.cardCode}: ${c.benefitLevel}%, paid by ${c.payerKind}${c.payerTaxCode ? ` ${c.payerTaxCode}` : ''}, valid ${c.validFrom}–${c.validTo ?? 'open'}` +
        `${c.initialFacilityCode ? `, facility ${c.initialFacilityCode}` : ''}`,
    ),
  ];
  return lines.join('\n');
}

/** A claim's state for people: status, money, months, and what it waits for. */
export function formatClaim(
  st: ClaimState & { tasks?: { kind: string; status: string; assignee: string | null; dueDate: string | null }[] },
): string {
  const lines = [
    `claim ${st.claimId}: ${st.status}${st.law ? ` (${st.law === 'LAW_74_2025' ? 'Law 74/2025' : 'Law 38/2013'})` : ''}`,
    `  eligible: ${st.eligible === null ? '—' : st.eligible ? 'yes' : `no (${st.reasons.join(', ')})`}`,
  ];
  if (st.monthlyBenefit)
    lines.push(
      `  monthly benefit: ${formatVnd(st.monthlyBenefit)} for ${st.durationMonths} months from ${st.startDate}`,
    );
  if (st.decisionDeadline && st.decision === null)
    lines.push(
      `  decision due by: ${st.decisionDeadline}${st.decisionAlerts !== 'none' ? ` (${st.decisionAlerts})` : ''}`,
    );
  if (st.decision) lines.push(`  decision: ${st.decision}`);
  for (const m of st.months)
    lines.push(
      `  ${String(m.index).padStart(2)}  ${m.from} – ${m.to}  ${m.status}${m.paidOn ? ` on ${m.paidOn}` : ''}  (report by ${m.reportDeadline})`,
    );
  if (st.months.length)
    lines.push(`  paid ${st.monthsPaid}, suspended ${st.monthsSuspended}, remaining ${st.monthsRemaining}`);
  if (st.terminationGround) lines.push(`  terminated: ${st.terminationGround}`);
  if (st.reservedMonths !== null) lines.push(`  contribution months reserved: ${st.reservedMonths}`);
  if (st.coverage)
    lines.push(
      `  HI card ${st.coverage.cardCode} (UI fund) ${st.coverage.validFrom} – ${st.coverage.validTo ?? 'open'}`,
    );
  for (const t of st.tasks ?? [])
    lines.push(
      `  task ${t.kind}: ${t.status}${t.assignee ? `, ${t.assignee}` : ''}${t.dueDate ? `, due ${t.dueDate}` : ''}`,
    );
  lines.push(`  waiting for: ${st.waitingFor}`);
  return lines.join('\n');
}
