/** Human-readable renderings for the terminal. */
import type { ContributionResult } from '../../domain/contributions';
import type { EbookDocument } from '../../domain/ebook';
import { formatVnd } from '../../domain/money';

const FUND_NAMES: Record<string, string> = {
  SI_RETIREMENT: 'SI retirement & survivorship',
  SI_SICKNESS: 'SI sickness & maternity',
  SI_OAOD: 'SI occupational accident & disease',
  HI: 'Health insurance',
  UI: 'Unemployment insurance',
};

export function formatContribution(r: ContributionResult): string {
  const rows = Object.keys(FUND_NAMES)
    .filter((f) => r.employee.byFund[f as keyof typeof r.employee.byFund] || r.employer.byFund[f as keyof typeof r.employer.byFund])
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
