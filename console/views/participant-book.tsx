/**
 * My e-book, in words a person reads: who I am, where I worked and for what salary, a year × month
 * grid of my contribution months (paid, declared but unpaid, none) with the unpaid ones listed in
 * words beneath it, my HI cards and my unemployment benefit. Status is never shown by colour alone:
 * each cell carries a sign and a hidden word.
 */
import type { EbookDocument, EbookUnemploymentClaim } from '../../domain/ebook';
import type { MessageKey } from '../../messages';
import { formatCardLock, formatDate, formatMoney, formatMonth } from '../../messages/format';
import type { Problem } from '../api';
import { Layout, type PageContext } from './layout';
import { LangPreferenceForm } from './preferences-form';

type MonthStatus = 'credited' | 'declared_unpaid' | 'none';
const MONTHS = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];
const SIGN: Record<MonthStatus, string> = { credited: '✓', declared_unpaid: '!', none: '·' };
const CELL: Record<MonthStatus, string> = { credited: 'm-credited', declared_unpaid: 'm-unpaid', none: 'm-none' };

/** Each period's status over all employers: unpaid if any employer's month is unpaid, so it stands out. */
export function monthStatuses(book: EbookDocument): Map<string, MonthStatus> {
  const out = new Map<string, MonthStatus>();
  for (const m of book.contributionMonths) {
    const s: MonthStatus = m.status === 'credited' ? 'credited' : 'declared_unpaid';
    if (out.get(m.period) !== 'declared_unpaid') out.set(m.period, s);
  }
  return out;
}

export function BookPage({
  ctx,
  book,
  version,
  today,
  prefs = {},
}: {
  ctx: PageContext;
  book: EbookDocument;
  version: number;
  today: string;
  /** The language preference form's outcome (issue 13). */
  prefs?: { saved?: boolean | undefined; problem?: Problem | undefined };
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('me.title')} current="/console/me">
      <p class="hint">{t('me.version', { version })}</p>
      <p>
        <a class="button" href="/console/me/book.json" download>
          {t('me.download')}
        </a>
      </p>
      <p class="hint">{t('me.downloadHint')}</p>
      <Identity ctx={ctx} book={book} />
      <Months ctx={ctx} book={book} today={today} />
      <Employments ctx={ctx} book={book} />
      <Cards ctx={ctx} book={book} />
      <Benefits ctx={ctx} claims={book.unemploymentBenefits} />
      <LangPreferenceForm ctx={ctx} action="/console/me/preferences" saved={prefs.saved} problem={prefs.problem} />
    </Layout>
  );
}

function Identity({ ctx, book }: { ctx: PageContext; book: EbookDocument }) {
  const { t, lang } = ctx;
  const p = book.identity;
  const gender = (['male', 'female'].includes(p.gender) ? `me.gender.${p.gender}` : 'me.gender.other') as MessageKey;
  return (
    <section aria-labelledby="identity">
      <h2 id="identity">{t('me.identity')}</h2>
      <dl class="facts">
        <dt>{t('me.fullName')}</dt>
        <dd>{p.fullName}</dd>
        <dt>{t('me.personalId')}</dt>
        <dd class="mono">{p.personalId}</dd>
        <dt>{t('me.siNumber')}</dt>
        <dd class="mono">{p.siNumber}</dd>
        <dt>{t('me.dob')}</dt>
        <dd>{formatDate(lang, p.dateOfBirth)}</dd>
        <dt>{t('me.gender')}</dt>
        <dd>{t(gender)}</dd>
        <dt>{t('me.nationality')}</dt>
        <dd>{p.nationality}</dd>
      </dl>
    </section>
  );
}

function Months({ ctx, book, today }: { ctx: PageContext; book: EbookDocument; today: string }) {
  const { t, lang } = ctx;
  const statuses = monthStatuses(book);
  const periods = [...statuses.keys()].sort();
  const employerName = new Map(book.employments.map((e) => [e.employerTaxCode, e.employerName]));
  const unpaid = book.contributionMonths
    .filter((m) => m.status !== 'credited')
    .sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  const credited = [...statuses.values()].filter((s) => s === 'credited').length;
  const unpaidCount = [...statuses.values()].filter((s) => s === 'declared_unpaid').length;
  const first = Number((periods[0] ?? today).slice(0, 4));
  const last = Math.max(Number((periods.at(-1) ?? today).slice(0, 4)), first);
  const years: number[] = [];
  for (let y = last; y >= first; y--) years.push(y);
  const label = (s: MonthStatus) => t(`me.month.${s}`);
  return (
    <section aria-labelledby="months">
      <h2 id="months">{t('me.months')}</h2>
      {periods.length === 0 ? (
        <p>{t('me.months.none')}</p>
      ) : (
        <>
          <p>{t('me.months.intro')}</p>
          <p>
            <strong>{t('me.months.total', { credited, unpaid: unpaidCount })}</strong>
          </p>
          <div class="table-wrap">
            <table class="grid-months">
              <caption class="sr-only">{t('me.months.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('me.months.year')}</th>
                  {MONTHS.map((m) => (
                    <th scope="col">{Number(m)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {years.map((y) => (
                  <tr>
                    <th scope="row">{y}</th>
                    {MONTHS.map((m) => {
                      const s = statuses.get(`${y}-${m}`) ?? 'none';
                      return (
                        <td class={CELL[s]} data-month={`${y}-${m}`} data-status={s} title={label(s)}>
                          <span aria-hidden="true">{SIGN[s]}</span>
                          <span class="sr-only">{label(s)}</span>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ul class="legend" aria-label={t('me.months.legend')}>
            {(['credited', 'declared_unpaid', 'none'] as const).map((s) => (
              <li>
                <span class={CELL[s]} aria-hidden="true">
                  {SIGN[s]}
                </span>
                {label(s)}
              </li>
            ))}
          </ul>
          {unpaid.length > 0 && (
            <>
              <h3>{t('me.months.unpaidList')}</h3>
              <ul class="unpaid">
                {unpaid.map((m) => (
                  <li>
                    {t('me.months.unpaidItem', {
                      month: formatMonth(lang, m.period),
                      employer: employerName.get(m.employerTaxCode) ?? m.employerTaxCode,
                    })}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}

function Employments({ ctx, book }: { ctx: PageContext; book: EbookDocument }) {
  const { t, lang } = ctx;
  return (
    <section aria-labelledby="employments">
      <h2 id="employments">{t('me.employments')}</h2>
      {book.employments.length === 0 && <p>{t('me.employment.none')}</p>}
      {[...book.employments].reverse().map((e) => (
        <div class="panel">
          <h3>{e.employerName}</h3>
          <p>
            {e.endMonth
              ? t('me.employment.period', { from: formatMonth(lang, e.startMonth), to: formatMonth(lang, e.endMonth) })
              : t('me.employment.current', { from: formatMonth(lang, e.startMonth) })}
            {' · '}
            {t('me.employment.job', { title: e.jobTitle })}
          </p>
          <table>
            <caption class="sr-only">{t('me.salaries', { employer: e.employerName })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('me.salary.month')}</th>
                <th scope="col" class="num">
                  {t('me.salary.amount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {e.salaries.map((s) => (
                <tr>
                  <td>{formatMonth(lang, s.effectiveMonth)}</td>
                  <td class="num">{formatMoney(lang, s.amount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}

/** The locks and withdrawals of one card the book carries (its `cardLocks`), oldest first. */
export const locksOf = (book: EbookDocument, cardCode: string) =>
  (book.cardLocks ?? []).filter((l) => l.cardCode === cardCode);

function Cards({ ctx, book }: { ctx: PageContext; book: EbookDocument }) {
  const { t, lang } = ctx;
  return (
    <section aria-labelledby="cards">
      <h2 id="cards">{t('me.cards')}</h2>
      {book.hiCards.length === 0 && <p>{t('me.cards.none')}</p>}
      <div class="cards">
        {[...book.hiCards].reverse().map((c) => (
          <dl class="facts panel">
            <dt>{t('me.card.code')}</dt>
            <dd class="mono">{c.cardCode}</dd>
            <dt>{t('me.card.level')}</dt>
            <dd>{`${c.benefitLevel}%`}</dd>
            <dt>{t('me.card.valid')}</dt>
            <dd>
              {c.validTo
                ? t('facility.validFromTo', { from: formatDate(lang, c.validFrom), to: formatDate(lang, c.validTo) })
                : t('facility.validFrom', { from: formatDate(lang, c.validFrom) })}
            </dd>
            <dt>{t('me.card.facility')}</dt>
            <dd>{c.initialFacilityCode ?? t('facility.initialNone')}</dd>
            <dt>{t('me.card.payer')}</dt>
            <dd>{t(`facility.payer.${c.payerKind as 'employer'}`, { taxCode: c.payerTaxCode ?? '' })}</dd>
            {/* The card's locks and withdrawals (issue 15), in words; nothing when none. */}
            {locksOf(book, c.cardCode).map((l) => (
              <>
                <dt>{t('me.card.lock')}</dt>
                <dd>{formatCardLock(lang, l)}</dd>
              </>
            ))}
          </dl>
        ))}
      </div>
    </section>
  );
}

export function claimStatusKey(status: string): MessageKey {
  const known = ['intake', 'awaiting_decision', 'rejected', 'active', 'suspended', 'terminated', 'completed'];
  return (known.includes(status) ? `me.claim.status.${status}` : 'me.claim.status.intake') as MessageKey;
}

function Benefits({ ctx, claims }: { ctx: PageContext; claims: EbookUnemploymentClaim[] }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="benefits">
      <h2 id="benefits">{t('me.benefits')}</h2>
      <ClaimList ctx={ctx} claims={claims} />
    </section>
  );
}

export function ClaimList({ ctx, claims }: { ctx: PageContext; claims: EbookUnemploymentClaim[] }) {
  const { t, lang } = ctx;
  if (claims.length === 0) return <p>{t('me.benefits.none')}</p>;
  return (
    <ul class="claims">
      {[...claims].reverse().map((c) => (
        <li class="panel">
          <p>
            <span class="badge">{t(claimStatusKey(c.status))}</span>{' '}
            {t('me.claim.filed', { date: formatDate(lang, c.filingDate) })}
          </p>
          {c.monthlyBenefit && (
            <p>
              {t('me.claim.amount')}: <strong>{formatMoney(lang, c.monthlyBenefit)}</strong>
              {c.durationMonths ? ` · ${t('me.claim.duration')}: ${c.durationMonths}` : ''}
            </p>
          )}
          <p>{t('me.claim.paid', { paid: c.monthsPaid, suspended: c.monthsSuspended })}</p>
          <p>
            <a href={`/console/me/claims/${c.claimId}`}>{t('me.claim.open')}</a>
          </p>
        </li>
      ))}
    </ul>
  );
}
