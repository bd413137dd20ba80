/** The employer's months as reconciled (due, paid, outstanding, late charge) and the credit it holds. */
import type { MessageKey } from '../../messages';
import type { PeriodListItem } from '../../domain/schemas-lists';
import { formatDate, formatMoney, formatMonth } from '../../messages/format';
import type { Problem } from '../api';
import { Layout, ProblemBox, type PageContext } from './layout';

const BADGE: Record<string, string> = { paid: 'ok', overpaid: 'ok', partially_paid: 'warn', unpaid: 'bad' };

export function EmployerMonthsPage({
  ctx,
  items,
  creditHeld,
  nextCursor,
  problem,
}: {
  ctx: PageContext;
  items: PeriodListItem[];
  creditHeld: string | null;
  nextCursor: string | null;
  problem?: Problem | undefined;
}) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t('months.title')} current="/console/employer/months">
      <p>{t('months.intro')}</p>
      {problem && <ProblemBox t={t} problem={problem} />}
      {creditHeld !== null && (
        <dl class="facts">
          <dt>{t('months.credit')}</dt>
          <dd id="credit-held">{formatMoney(lang, creditHeld)}</dd>
        </dl>
      )}
      {items.length === 0 ? (
        <p>{t('months.none')}</p>
      ) : (
        <div class="table-wrap">
          <table id="months">
            <caption class="sr-only">{t('months.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('col.month')}</th>
                <th scope="col">{t('col.status')}</th>
                <th scope="col">{t('col.deadline')}</th>
                <th scope="col" class="num">
                  {t('col.due')}
                </th>
                <th scope="col" class="num">
                  {t('col.paid')}
                </th>
                <th scope="col" class="num">
                  {t('col.outstanding')}
                </th>
                <th scope="col" class="num">
                  {t('col.charge')}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr data-period={p.period}>
                  <th scope="row">{formatMonth(lang, p.period)}</th>
                  <td>
                    <span class={`badge ${BADGE[p.status] ?? ''}`}>{t(`period.status.${p.status}` as MessageKey)}</span>
                    {p.evasion && <span class="badge bad"> {t('period.evasion')}</span>}
                  </td>
                  <td>{formatDate(lang, p.deadline)}</td>
                  <td class="num">{formatMoney(lang, p.due)}</td>
                  <td class="num">{formatMoney(lang, p.paid)}</td>
                  <td class="num">{formatMoney(lang, p.outstanding)}</td>
                  <td class="num">{formatMoney(lang, p.lateCharge)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextCursor && (
        <p>
          <a href={`/console/employer/months?cursor=${encodeURIComponent(nextCursor)}`}>{t('common.next')}</a>
        </p>
      )}
    </Layout>
  );
}
