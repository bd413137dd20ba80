/**
 * Participant search (GET /v1/participants?q=) and the participant's page for the officer (the
 * e-book, GET /v1/participants/{id}/ebook, in words: identity, employments and salaries, the
 * contribution months as a year × month grid, HI cards, unemployment benefits with a link to each
 * claim). Both reads are access-logged by the API.
 */
import { BankAccounts, type BankAccountView } from './bank-account';
import type { T } from '../../messages';
import { formatCardLock, formatDate, formatMoney, formatMonth } from '../../messages/format';
import type { EbookDocument } from '../../domain/ebook';
import type { Problem } from '../api';
import { Layout, ProblemBox, type PageContext } from './layout';
import { claimStatusLabel } from './officer-claim';
import { locksOf } from './participant-book';
import { labelOf } from './officer-queue';

export interface ParticipantHit {
  personalId: string;
  siNumber: string;
  fullName: string;
  dateOfBirth: string;
  gender: string;
}

export function ParticipantSearchPage({
  ctx,
  q,
  items,
  next,
  problem,
}: {
  ctx: PageContext;
  q: string;
  items: ParticipantHit[] | null;
  next: string | null;
  problem?: Problem | undefined;
}) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t('officer.participants.title')} current="/console/officer/participants">
      <div class="officer-page">
        <form method="get" action="/console/officer/participants" class="stack" role="search">
          <label for="q">{t('officer.participants.q')}</label>
          <input id="q" name="q" value={q} autocomplete="off" required maxLength={100} />
          <button type="submit" class="primary">
            {t('common.search')}
          </button>
        </form>
        <p class="hint">{t('officer.participants.logged')}</p>
        {problem && <ProblemBox t={t} problem={problem} />}
        {items && items.length === 0 && <p class="notice">{t('officer.participants.empty')}</p>}
        {items && items.length > 0 && (
          <div class="table-wrap">
            <table id="participants" class="officer-cards">
              <thead>
                <tr>
                  <th scope="col">{t('officer.participants.col.name')}</th>
                  <th scope="col">{t('officer.participants.col.personalId')}</th>
                  <th scope="col">{t('officer.participants.col.si')}</th>
                  <th scope="col">{t('officer.participants.col.dob')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((p) => (
                  <tr>
                    <td data-label={t('officer.participants.col.name')}>
                      <a href={`/console/officer/participants/${encodeURIComponent(p.personalId)}`}>{p.fullName}</a>
                    </td>
                    <td data-label={t('officer.participants.col.personalId')} class="code">
                      {p.personalId}
                    </td>
                    <td data-label={t('officer.participants.col.si')} class="code">
                      {p.siNumber}
                    </td>
                    <td data-label={t('officer.participants.col.dob')}>{formatDate(lang, p.dateOfBirth)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {next && (
          <p>
            <a class="button" href={next}>
              {t('officer.queue.more')}
            </a>
          </p>
        )}
      </div>
    </Layout>
  );
}

const MONTHS = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];

/** Each year with contributions × its 12 months: credited, declared but unpaid, or none. */
function MonthGrid({ t, months }: { t: T; months: EbookDocument['contributionMonths'] }) {
  const status = new Map<string, string>();
  for (const m of months) {
    // A month credited by one employer and unpaid by another shows as unpaid: the gap must stand out.
    const prev = status.get(m.period);
    status.set(m.period, prev === 'declared_unpaid' ? prev : m.status);
  }
  const years = [...new Set(months.map((m) => m.period.slice(0, 4)))].sort();
  if (years.length === 0) return <p class="hint">{t('common.none')}</p>;
  return (
    <div class="table-wrap">
      <p class="hint">{t('officer.participant.legend')}</p>
      <table class="grid-months">
        <caption class="visually-hidden">{t('officer.participant.months')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('officer.participant.year')}</th>
            {MONTHS.map((m) => (
              <th scope="col">{m}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {years.map((y) => (
            <tr>
              <th scope="row">{y}</th>
              {MONTHS.map((m) => {
                const s = status.get(`${y}-${m}`);
                return s === 'credited' ? (
                  <td class="m-credited">
                    <span aria-hidden="true">✓</span>
                    <span class="visually-hidden">{t('officer.participant.credited')}</span>
                  </td>
                ) : s === 'declared_unpaid' ? (
                  <td class="m-unpaid">
                    <span aria-hidden="true">!</span>
                    <span class="visually-hidden">{t('officer.participant.unpaid')}</span>
                  </td>
                ) : (
                  <td class="m-none">
                    <span aria-hidden="true">·</span>
                    <span class="visually-hidden">{t('officer.participant.noMonth')}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ParticipantPage({
  ctx,
  personalId,
  book,
  problem,
  accounts = null,
}: {
  ctx: PageContext;
  personalId: string;
  book: EbookDocument | null;
  problem?: Problem | undefined;
  /** The participant's bank accounts for benefit payments (issue 14 part 4), masked. */
  accounts?: BankAccountView[] | null;
}) {
  const { t, lang } = ctx;
  const credited = book ? book.contributionMonths.filter((m) => m.status === 'credited').length : 0;
  const unpaid = book ? book.contributionMonths.filter((m) => m.status === 'declared_unpaid') : [];
  return (
    <Layout ctx={ctx} title={t('officer.participant.title')} current="/console/officer/participants">
      <div class="officer-page">
        <p>
          <a href="/console/officer/participants">← {t('officer.nav.participants')}</a>
        </p>
        {problem && <ProblemBox t={t} problem={problem} />}
        {book && (
          <>
            <section aria-labelledby="identity">
              <h2 id="identity">{t('officer.participant.identity')}</h2>
              <dl class="facts">
                <dt>{t('officer.participant.name')}</dt>
                <dd id="participant-name">{book.identity.fullName}</dd>
                <dt>{t('officer.participant.personalId')}</dt>
                <dd class="code">{personalId}</dd>
                <dt>{t('officer.participant.si')}</dt>
                <dd class="code">{book.identity.siNumber}</dd>
                <dt>{t('officer.participant.dob')}</dt>
                <dd>{formatDate(lang, book.identity.dateOfBirth)}</dd>
                <dt>{t('officer.participant.gender')}</dt>
                <dd>{labelOf(t, 'officer.participant.gender.', book.identity.gender)}</dd>
              </dl>
            </section>
            <BankAccounts ctx={ctx} accounts={accounts} />
            <section aria-labelledby="employments">
              <h2 id="employments">{t('officer.participant.employments')}</h2>
              {book.employments.length === 0 ? (
                <p class="hint">{t('common.none')}</p>
              ) : (
                <ul>
                  {book.employments.map((e) => (
                    <li>
                      {t('officer.participant.employment', {
                        job: e.jobTitle,
                        employer: e.employerName,
                        from: formatMonth(lang, e.startMonth),
                        to: e.endMonth ? formatMonth(lang, e.endMonth) : t('officer.participant.now'),
                      })}
                      {e.salaries.length > 0 && (
                        <ul>
                          {e.salaries.map((s) => (
                            <li>
                              {t('officer.participant.salary', {
                                month: formatMonth(lang, s.effectiveMonth),
                                amount: formatMoney(lang, s.amount),
                              })}
                            </li>
                          ))}
                        </ul>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section aria-labelledby="months">
              <h2 id="months">{t('officer.participant.months')}</h2>
              <p>{t('officer.participant.monthsSummary', { credited, unpaid: unpaid.length })}</p>
              {unpaid.length > 0 && (
                <p class="overdue">
                  {t('officer.participant.unpaidList', {
                    months: unpaid.map((m) => formatMonth(lang, m.period)).join(', '),
                  })}
                </p>
              )}
              <MonthGrid t={t} months={book.contributionMonths} />
            </section>
            <section aria-labelledby="cards">
              <h2 id="cards">{t('officer.participant.hiCards')}</h2>
              {book.hiCards.length === 0 ? (
                <p class="hint">{t('common.none')}</p>
              ) : (
                <ul>
                  {book.hiCards.map((c) => (
                    <li>
                      {t('officer.participant.card', {
                        code: c.cardCode,
                        level: c.benefitLevel,
                        from: formatDate(lang, c.validFrom),
                        to: c.validTo ? formatDate(lang, c.validTo) : t('officer.participant.now'),
                      })}
                      {locksOf(book, c.cardCode).length > 0 && (
                        <ul>
                          {locksOf(book, c.cardCode).map((l) => (
                            <li>{formatCardLock(lang, l)}</li>
                          ))}
                        </ul>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section aria-labelledby="benefits">
              <h2 id="benefits">{t('officer.participant.benefits')}</h2>
              {book.unemploymentBenefits.length === 0 ? (
                <p class="hint">{t('common.none')}</p>
              ) : (
                <ul>
                  {book.unemploymentBenefits.map((b) => (
                    <li>
                      <a href={`/console/officer/claims/${encodeURIComponent(b.claimId)}`}>
                        {t('officer.participant.benefit', {
                          filed: formatDate(lang, b.filingDate),
                          status: claimStatusLabel(t, b.status),
                        })}
                      </a>
                      {b.monthlyBenefit && <> — {formatMoney(lang, b.monthlyBenefit)}</>}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </>
        )}
      </div>
    </Layout>
  );
}
