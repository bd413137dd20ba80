/**
 * Arrears by month (issue #12): an inline SVG drawn on the server — a pair of bars per month
 * (outstanding principal, late charge), labelled axes, a <title> and <desc> for assistive
 * technology — and the same figures as a table. No client chart library. Bar heights are drawn
 * from the decimal strings scaled to millions (geometry only: every figure shown is the string).
 */
import type { Arrears } from '../../domain/schemas-operations';
import { formatMoney, formatMonth } from '../../messages/format';
import type { Lang } from '../../messages';
import type { Problem } from '../api';
import { Layout, ProblemBox, type PageContext } from './layout';

const H = 300;
const M = { top: 20, right: 8, bottom: 52, left: 60 };
/** Width per month: a few months fit a phone at a readable size, many scroll there and fill a desktop. */
const PER_MONTH = 56;
const FONT = 13;

/** The smallest 1, 2 or 5 × 10^k at or above v (the axis's top). */
export function niceCeiling(v: number): number {
  if (v <= 0) return 1;
  const k = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 2, 5, 10]) if (m * k >= v) return m * k;
  return 10 * k;
}

const millions = (amount: string) => Number(amount) / 1e6;

function axisNumber(lang: Lang, v: number): string {
  return v.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: 2 });
}

export function ArrearsChart({ ctx, data }: { ctx: PageContext; data: Arrears }) {
  const { t, lang } = ctx;
  const items = data.items;
  const W = Math.max(340, Math.min(960, M.left + M.right + PER_MONTH * items.length));
  const top = niceCeiling(Math.max(0, ...items.map((i) => Math.max(millions(i.outstanding), millions(i.lateCharge)))));
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const group = plotW / Math.max(items.length, 1);
  const bar = Math.max(2, Math.min(28, group * 0.36));
  const y = (v: number) => M.top + plotH - (plotH * v) / top;
  const every = Math.ceil(items.length / 16);
  const ticks = [0, 1, 2, 3, 4].map((i) => (top * i) / 4);
  const peak = items.reduce<Arrears['items'][number] | null>(
    (best, i) => (best === null || millions(i.outstanding) > millions(best.outstanding) ? i : best),
    null,
  );
  const title = t('op.arrears.chartTitle', { from: formatMonth(lang, data.from), to: formatMonth(lang, data.to) });
  return (
    <figure class="chart">
      <div class="chart-scroll" role="region" aria-label={title} tabIndex={0}>
        <svg
          viewBox={`0 0 ${W} ${H}`}
          width={W}
          height={H}
          style={`max-width: ${Math.round(W * 1.3)}px; min-width: ${Math.round(W * 0.8)}px`}
          role="img"
          aria-labelledby="arrears-title arrears-desc"
          preserveAspectRatio="xMidYMid meet"
        >
          <title id="arrears-title">{title}</title>
          <desc id="arrears-desc">
            {t('op.arrears.chartDesc')}{' '}
            {peak && millions(peak.outstanding) > 0
              ? t('op.arrears.peak', {
                  month: formatMonth(lang, peak.period),
                  amount: formatMoney(lang, peak.outstanding),
                })
              : ''}
          </desc>
          {ticks.map((v) => (
            <g class="tick">
              <line x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} stroke="#c9d1db" stroke-width="1" />
              <text x={M.left - 8} y={y(v) + 4} text-anchor="end" font-size={FONT} fill="#4a5360">
                {axisNumber(lang, v)}
              </text>
            </g>
          ))}
          <text
            x={16}
            y={M.top + plotH / 2}
            transform={`rotate(-90 16 ${M.top + plotH / 2})`}
            text-anchor="middle"
            font-size={FONT}
            fill="#1b1f24"
          >
            {t('op.arrears.axisAmount')}
          </text>
          {items.map((i, n) => {
            const x0 = M.left + n * group + group / 2;
            const o = millions(i.outstanding);
            const c = millions(i.lateCharge);
            return (
              <g class="month" data-period={i.period}>
                <rect
                  class="bar-outstanding"
                  x={x0 - bar}
                  y={y(o)}
                  width={bar}
                  height={Math.max(0, M.top + plotH - y(o))}
                  fill="#0b5394"
                >
                  <title>{`${formatMonth(lang, i.period)} — ${t('op.arrears.outstanding')}: ${formatMoney(lang, i.outstanding)}`}</title>
                </rect>
                <rect
                  class="bar-charge"
                  x={x0}
                  y={y(c)}
                  width={bar}
                  height={Math.max(0, M.top + plotH - y(c))}
                  fill="#b35900"
                >
                  <title>{`${formatMonth(lang, i.period)} — ${t('op.arrears.lateCharge')}: ${formatMoney(lang, i.lateCharge)}`}</title>
                </rect>
                {n % every === 0 && (
                  <text x={x0} y={M.top + plotH + 18} text-anchor="middle" font-size={FONT} fill="#1b1f24">
                    {formatMonth(lang, i.period)}
                  </text>
                )}
              </g>
            );
          })}
          <line
            x1={M.left}
            x2={W - M.right}
            y1={M.top + plotH}
            y2={M.top + plotH}
            stroke="#1b1f24"
            stroke-width="1.5"
          />
          <text x={M.left + plotW / 2} y={H - 8} text-anchor="middle" font-size={FONT} fill="#1b1f24">
            {t('op.arrears.axisMonth')}
          </text>
        </svg>
      </div>
      <figcaption>
        <span class="chart-legend">
          <span class="chart-swatch outstanding" aria-hidden="true"></span> {t('op.arrears.legendOutstanding')}
        </span>{' '}
        <span class="chart-legend">
          <span class="chart-swatch charge" aria-hidden="true"></span> {t('op.arrears.legendCharge')}
        </span>
      </figcaption>
    </figure>
  );
}

export function ArrearsTable({ ctx, data }: { ctx: PageContext; data: Arrears }) {
  const { t, lang } = ctx;
  return (
    <>
      <h2 id="arrears-caption">{t('op.arrears.tableCaption')}</h2>
      <div class="table-wrap" role="region" aria-labelledby="arrears-caption" tabIndex={0}>
        <table id="arrears-table" class="figures" aria-labelledby="arrears-caption">
          <thead>
            <tr>
              <th scope="col">{t('op.arrears.month')}</th>
              <th scope="col" class="num">
                {t('op.arrears.outstanding')}
              </th>
              <th scope="col" class="num">
                {t('op.arrears.lateCharge')}
              </th>
              <th scope="col" class="num">
                {t('op.arrears.employers')}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((i) => (
              <tr data-period={i.period}>
                <th scope="row">{formatMonth(lang, i.period)}</th>
                <td class="num">{formatMoney(lang, i.outstanding)}</td>
                <td class="num">{formatMoney(lang, i.lateCharge)}</td>
                <td class="num">{`${i.employersInArrears} / ${i.employersReconciled}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function ArrearsPage({
  ctx,
  data,
  form,
  problem,
}: {
  ctx: PageContext;
  data: Arrears | null;
  form: { from: string; to: string };
  problem?: Problem | undefined;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('op.arrears.title')} current="/console/operator/arrears">
      <p>{t('op.arrears.intro')}</p>
      <form method="get" action="/console/operator/arrears" class="inline-fields">
        <div>
          <label for="from">{t('op.arrears.from')}</label>
          <input id="from" name="from" type="month" value={form.from} required />
        </div>
        <div>
          <label for="to">{t('op.arrears.to')}</label>
          <input id="to" name="to" type="month" value={form.to} required />
        </div>
        <div>
          <button type="submit">{t('op.arrears.show')}</button>
        </div>
      </form>
      {problem && <ProblemBox t={t} problem={problem} />}
      {data && (
        <>
          {data.items.every((i) => i.employersReconciled === 0) && <p class="notice">{t('op.arrears.empty')}</p>}
          <ArrearsChart ctx={ctx} data={data} />
          <ArrearsTable ctx={ctx} data={data} />
        </>
      )}
    </Layout>
  );
}
