/**
 * The facility's check: the field, and the answer in large type — covered (green, a tick) or not
 * (red, a cross), never by colour alone — with why not, the benefit level and the initial facility.
 */
import type { z } from 'zod';
import type { coverageSchema } from '../../domain/schemas';
import { formatDate } from '../../messages/format';
import type { Problem } from '../api';
import { CsrfField, Layout, ProblemBox, type PageContext } from './layout';

type Coverage = z.infer<typeof coverageSchema>;

export type FacilityResult =
  | { kind: 'coverage'; coverage: Coverage; facilityCode: string | null }
  | { kind: 'bad-input' }
  | { kind: 'unknown' }
  | { kind: 'problem'; problem: Problem };

export function FacilityPage({
  ctx,
  value,
  result,
}: {
  ctx: PageContext;
  value: string;
  result: FacilityResult | null;
}) {
  const { t } = ctx;
  const invalid = result?.kind === 'bad-input';
  return (
    <Layout ctx={ctx} title={t('facility.title')} current="/console/facility">
      <p>{t('facility.intro')}</p>
      <form
        method="post"
        action="/console/facility"
        class="check"
        hx-post="/console/facility"
        hx-target="#answer"
        hx-swap="outerHTML"
      >
        <CsrfField csrf={ctx.csrf} />
        <label for="q">{t('facility.field')}</label>
        <p id="q-hint" class="hint">
          {t('facility.fieldHint')}
        </p>
        <div class="row">
          <input
            id="q"
            name="q"
            type="text"
            inputMode="text"
            autoComplete="off"
            autoCapitalize="characters"
            spellcheck={false}
            required
            maxLength={40}
            value={value}
            aria-describedby={invalid ? 'q-hint q-error' : 'q-hint'}
            aria-invalid={invalid ? 'true' : undefined}
            autofocus
          />
          <button type="submit">{t('facility.submit')}</button>
        </div>
      </form>
      {result ? <CoverageAnswer ctx={ctx} result={result} /> : <div id="answer" aria-live="polite"></div>}
    </Layout>
  );
}

export function CoverageAnswer({ ctx, result }: { ctx: PageContext; result: FacilityResult }) {
  const { t, lang } = ctx;
  const wrap = (body: preact.ComponentChildren) => (
    <div id="answer" aria-live="polite">
      {body}
    </div>
  );
  if (result.kind === 'bad-input')
    return wrap(
      <p id="q-error" class="problem" role="alert">
        {t('facility.badInput')}
      </p>,
    );
  if (result.kind === 'unknown')
    return wrap(
      <section class="answer" aria-labelledby="verdict">
        <h2 id="verdict" class="big-answer bad">
          <span aria-hidden="true">✗ </span>
          {t('facility.notCovered')}
        </h2>
        <p class="why">{t('facility.unknown')}</p>
      </section>,
    );
  if (result.kind === 'problem') return wrap(<ProblemBox t={t} problem={result.problem} />);

  const { coverage: c, facilityCode } = result;
  const card = c.card;
  const initial = card?.initialFacilityCode ?? null;
  return wrap(
    <section class="answer" aria-labelledby="verdict">
      <h2 id="verdict" class={`big-answer ${c.valid ? 'ok' : 'bad'}`}>
        <span aria-hidden="true">{c.valid ? '✓ ' : '✗ '}</span>
        {t(c.valid ? 'facility.covered' : 'facility.notCovered')}
      </h2>
      <p class="on-date">{t('facility.onDate', { date: formatDate(lang, c.date) })}</p>
      {c.notCovered && (
        <p class="why">
          {t(
            c.notCovered.lockKind === 'withdrawn'
              ? 'facility.reason.withdrawn'
              : `facility.reason.${c.notCovered.reason}`,
            { since: formatDate(lang, c.notCovered.since) },
          )}
        </p>
      )}
      <dl class="facts">
        <dt>{t('facility.name')}</dt>
        <dd>{c.holder.fullName}</dd>
        <dt>{t('facility.dob')}</dt>
        <dd>{formatDate(lang, c.holder.dateOfBirth)}</dd>
        {card && (
          <>
            <dt>{t('facility.benefit')}</dt>
            <dd class="big">{t('facility.benefitValue', { level: card.benefitLevel })}</dd>
            <dt>{t('facility.initial')}</dt>
            <dd>
              {initial === null
                ? t('facility.initialNone')
                : t(initial === facilityCode ? 'facility.initialHere' : 'facility.initialElsewhere', { code: initial })}
            </dd>
            <dt>{t('facility.card')}</dt>
            <dd class="mono">{card.cardCode}</dd>
            <dt>{t('facility.validity')}</dt>
            <dd>
              {card.validTo
                ? t('facility.validFromTo', {
                    from: formatDate(lang, card.validFrom),
                    to: formatDate(lang, card.validTo),
                  })
                : t('facility.validFrom', { from: formatDate(lang, card.validFrom) })}
            </dd>
            <dt>{t('facility.payer')}</dt>
            <dd>{t(`facility.payer.${card.payer.kind as 'employer'}`, { taxCode: card.payer.taxCode ?? '' })}</dd>
            {card.fiveYearsFrom && (
              <>
                <dt>{t('facility.fiveYears')}</dt>
                <dd>{formatDate(lang, card.fiveYearsFrom)}</dd>
              </>
            )}
          </>
        )}
      </dl>
    </section>,
  );
}
