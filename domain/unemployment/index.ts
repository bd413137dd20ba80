/**
 * Unemployment benefit (trợ cấp thất nghiệp), one file per article (rules §3). Pure: no clock, no
 * I/O, no Node built-ins — imported by the claim workflow.
 *
 * Two laws are implemented side by side, chosen by the date the contract ended (rules §8.13):
 * - Law 74/2025/QH15 (Employment Law, in force 2026-01-01), Art.38–41, with Decree 374/2025/NĐ-CP
 *   Art.8, 15, 19, 21 and procedure 1.014748 (Decision 107/QĐ-BNV);
 * - Law 38/2013/QH13 (old Employment Law) Art.49–53, with Decree 28/2015/NĐ-CP Art.18.
 *
 * | file               | what it decides                                              | articles                         |
 * |--------------------|--------------------------------------------------------------|----------------------------------|
 * | applicable-law.ts  | which law governs the claim                                  | rules §8.13, §8.16               |
 * | case.ts            | the input of a claim                                         |                                  |
 * | eligibility.ts     | the conditions, one function each                            | Law 74 Art.38(1); Law 38 Art.49  |
 * | amount.ts          | average salary, cap, monthly benefit                         | Law 74 Art.39(1); Law 38 Art.50(1) |
 * | health-cover.ts    | HI paid on the benefit, the TN card group                    | HI Law Art.13; Decision 1351     |
 * | duration.ts        | months of benefit                                            | Law 74 Art.39(2); Law 38 Art.50(2) |
 * | dates.ts           | start, benefit months, decision, notice and payment deadlines | Law 74 Art.39(3), Art.40; Decree 374 Art.15, 21 |
 * | termination.ts     | grounds that end the benefit, reserved months                | Law 74 Art.41(4)–(5); Decree 374 Art.8, 19 |
 * | evaluate.ts        | evaluateUnemployment: combines the above                     |                                  |
 *
 * Every figure or policy choice is one named constant with its source; where the law is silent the
 * note says "Ansinh decision (rules §8)".
 */
export * from './amount';
export * from './applicable-law';
export type { UiCase, UiCaseInput, UiContribution } from './case';
export * from './dates';
export * from './duration';
export * from './eligibility';
export * from './evaluate';
export * from './health-cover';
export * from './termination';
