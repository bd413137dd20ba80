/** Announced transfers (pending until the bank's statement matches them), the payments booked, and the form to announce one. */
import type { z } from 'zod';
import type { employerPaymentsSchema } from '../../domain/schemas';
import { formatDate, formatMoney } from '../../messages/format';
import type { Problem } from '../api';
import { CsrfField, Layout, ProblemBox, type PageContext } from './layout';

type Payments = z.infer<typeof employerPaymentsSchema>;
export interface AnnounceForm {
  amount?: string;
  expectedValueDate?: string;
  reference?: string;
}

export function EmployerTransfersPage({
  ctx,
  payments,
  form = {},
  problem,
  announced,
}: {
  ctx: PageContext;
  payments: Payments | null;
  form?: AnnounceForm;
  problem?: Problem | undefined;
  announced?: string | undefined;
}) {
  const { t, lang } = ctx;
  const bad = (f: string) => (problem?.field === f ? 'true' : undefined);
  return (
    <Layout ctx={ctx} title={t('transfers.title')} current="/console/employer/transfers">
      <p>{t('transfers.intro')}</p>
      {announced && (
        <p class="notice" role="status">
          {t('transfers.announced', { reference: announced })}
        </p>
      )}
      {problem && <ProblemBox t={t} problem={problem} />}
      <section aria-labelledby="announce">
        <h2 id="announce">{t('transfers.announce')}</h2>
        <form method="post" action="/console/employer/transfers" class="stack">
          <CsrfField csrf={ctx.csrf} />
          <label for="amount">{t('transfers.amount')}</label>
          <input
            id="amount"
            name="amount"
            inputMode="numeric"
            autocomplete="off"
            value={form.amount ?? ''}
            aria-invalid={bad('amount')}
          />
          <label for="expectedValueDate">{t('transfers.date')}</label>
          <span class="hint" id="date-hint">
            {t('field.dateHint')}
          </span>
          <input
            id="expectedValueDate"
            name="expectedValueDate"
            inputMode="numeric"
            autocomplete="off"
            aria-describedby="date-hint"
            value={form.expectedValueDate ?? ''}
            aria-invalid={bad('expectedValueDate')}
          />
          <label for="reference">{t('transfers.reference')}</label>
          <input
            id="reference"
            name="reference"
            autocomplete="off"
            value={form.reference ?? ''}
            aria-invalid={bad('reference')}
          />
          <button type="submit" class="primary">
            {t('transfers.announce')}
          </button>
        </form>
      </section>
      <section aria-labelledby="announcements">
        <h2 id="announcements">{t('transfers.announcements')}</h2>
        {!payments || payments.announcements.length === 0 ? (
          <p>{t('transfers.none')}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('col.reference')}</th>
                  <th scope="col" class="num">
                    {t('col.amount')}
                  </th>
                  <th scope="col">{t('col.expected')}</th>
                  <th scope="col">{t('col.status')}</th>
                </tr>
              </thead>
              <tbody>
                {payments.announcements.map((a) => (
                  <tr>
                    <th scope="row" class="mono">
                      {a.reference}
                    </th>
                    <td class="num">{formatMoney(lang, a.amount)}</td>
                    <td>{formatDate(lang, a.expectedValueDate)}</td>
                    <td>
                      <span class={`badge ${a.status === 'matched' ? 'ok' : 'warn'}`}>
                        {t(`transfers.status.${a.status}`)}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="booked">
        <h2 id="booked">{t('transfers.payments')}</h2>
        {!payments || payments.payments.length === 0 ? (
          <p>{t('transfers.none')}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('col.bankReference')}</th>
                  <th scope="col">{t('col.valueDate')}</th>
                  <th scope="col" class="num">
                    {t('col.amount')}
                  </th>
                  <th scope="col" class="num">
                    {t('col.allocated')}
                  </th>
                  <th scope="col" class="num">
                    {t('col.credit')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {payments.payments.map((p) => (
                  <tr>
                    <th scope="row" class="mono">
                      {p.bankReference}
                    </th>
                    <td>{formatDate(lang, p.valueDate)}</td>
                    <td class="num">{formatMoney(lang, p.amount)}</td>
                    <td class="num">{formatMoney(lang, p.allocated)}</td>
                    <td class="num">{formatMoney(lang, p.credit)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Layout>
  );
}
