/**
 * Account-access recovery in the console (issue #14 part 3): the public start page (it asks for a
 * fresh VNeID level-2 sign-in, then starts the recovery), a recovery's page with the step it waits
 * for — the officer's in-person verification form, the new address, the code — and its end.
 */
import type { RecoveryView } from '../../domain/schemas-recovery';
import type { MessageKey } from '../../messages';
import { formatDate } from '../../messages/format';
import type { Problem } from '../api';
import { CsrfField, Layout, ProblemBox, type PageContext } from './layout';

export function RecoveryStartPage({
  ctx,
  role,
  signInHref,
  problem,
}: {
  ctx: PageContext;
  /** The signed-in role, or null for a visitor. */
  role: string | null;
  signInHref: string;
  problem?: Problem | undefined;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('recovery.title')}>
      <p>{t('recovery.intro')}</p>
      {problem && <ProblemBox t={t} problem={problem} />}
      {role === 'participant' ? (
        <>
          <form method="post" action="/console/recovery" class="stack">
            <CsrfField csrf={ctx.csrf} />
            <p class="hint">{t('recovery.fresh')}</p>
            <button type="submit">{t('recovery.start')}</button>
          </form>
          {problem?.code === 'SIGN_IN_NOT_FRESH' && (
            // The session's sign-in is older than 15 minutes: a fresh one (max_age) comes back here.
            <p>
              <a class="button" href={signInHref}>
                {t('recovery.signInAgain')}
              </a>
            </p>
          )}
        </>
      ) : role === 'officer' ? (
        <form method="post" action="/console/recovery" class="stack">
          <CsrfField csrf={ctx.csrf} />
          <label for="personalId">{t('recovery.desk.personalId')}</label>
          <input id="personalId" name="personalId" inputMode="numeric" pattern="[0-9]{12}" maxLength={12} required />
          <button type="submit">{t('recovery.desk.start')}</button>
        </form>
      ) : (
        <p>
          <a class="button" href={signInHref}>
            {t('recovery.signIn')}
          </a>
        </p>
      )}
    </Layout>
  );
}

export function RecoveryPage({
  ctx,
  recovery,
  officer,
  problem,
}: {
  ctx: PageContext;
  recovery: RecoveryView;
  officer: boolean;
  problem?: Problem | undefined;
}) {
  const { t, lang } = ctx;
  const r = recovery;
  const action = (step: string) => `/console/recovery/${r.recoveryId}/${step}`;
  return (
    <Layout ctx={ctx} title={t('recovery.title')}>
      <dl class="facts">
        <dt>{t('recovery.status')}</dt>
        <dd>
          <span class="badge">{t(`recovery.status.${r.status}` as MessageKey)}</span>
        </dd>
        <dt>{t('recovery.expires')}</dt>
        <dd>{r.expiresAt ? formatDate(lang, r.expiresAt.slice(0, 10)) : '—'}</dd>
      </dl>
      {problem && <ProblemBox t={t} problem={problem} />}
      {r.status === 'awaiting_identity' &&
        (officer ? (
          <form method="post" action={action('verification')} class="stack panel">
            <CsrfField csrf={ctx.csrf} />
            <h2>{t('recovery.verify.title')}</h2>
            <p class="hint">{t('recovery.verify.hint')}</p>
            <label for="documentKind">{t('recovery.verify.kind')}</label>
            <select id="documentKind" name="documentKind">
              <option value="cccd">{t('recovery.doc.cccd')}</option>
              <option value="passport">{t('recovery.doc.passport')}</option>
              <option value="vneid_app">{t('recovery.doc.vneid_app')}</option>
            </select>
            <label for="documentLast4">{t('recovery.verify.last4')}</label>
            <input id="documentLast4" name="documentLast4" maxLength={4} pattern="[0-9A-Z]{4}" required />
            <button type="submit">{t('recovery.verify.submit')}</button>
          </form>
        ) : (
          <p>{t('recovery.verify.wait')}</p>
        ))}
      {(r.status === 'awaiting_contact' || r.status === 'awaiting_code') && (
        <form method="post" action={action('contact')} class="stack panel">
          <CsrfField csrf={ctx.csrf} />
          <h2>{t('recovery.contact.title')}</h2>
          <label for="email">{t('recovery.contact.email')}</label>
          <input id="email" name="email" type="email" maxLength={254} required />
          <button type="submit">{t('recovery.contact.submit')}</button>
        </form>
      )}
      {r.status === 'awaiting_code' && (
        <form method="post" action={action('confirmation')} class="stack panel">
          <CsrfField csrf={ctx.csrf} />
          <h2>{t('recovery.code.title')}</h2>
          <p class="hint">{t('recovery.code.hint')}</p>
          <label for="code">{t('recovery.code.label')}</label>
          <input
            id="code"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            maxLength={6}
            required
          />
          <button type="submit">{t('recovery.code.submit')}</button>
        </form>
      )}
      {r.status === 'completed' && (
        <p class="notice" role="status">
          {t('recovery.completed')}
        </p>
      )}
      {r.status === 'expired' && (
        <p class="notice" role="status">
          {t('recovery.expired')}
        </p>
      )}
    </Layout>
  );
}

/** After the code is confirmed: the session that confirmed it is revoked with the others. */
export function RecoveryDonePage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title={ctx.t('recovery.title')}>
      <p class="notice" role="status">
        {ctx.t('recovery.completed')}
      </p>
      <p>
        <a class="button" href="/console/signin">
          {ctx.t('recovery.signIn')}
        </a>
      </p>
    </Layout>
  );
}
