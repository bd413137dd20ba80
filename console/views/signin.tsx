/** The sign-in page: VNeID (OpenID Connect) in production; in development also a form that mints a token. */
import type { Role } from '../../api/auth';
import { CsrfField, Layout, type PageContext } from './layout';

export const SIGNIN_ROLES: readonly Role[] = ['officer', 'employer', 'participant', 'facility', 'operator'];

export interface SignInForm {
  role?: string;
  taxCode?: string;
  personalId?: string;
  facilityCode?: string;
  level?: string;
}

export function SignInPage({
  ctx,
  next,
  dev,
  oidc,
  error,
  form = {},
}: {
  ctx: PageContext;
  next: string;
  dev: boolean;
  oidc: boolean;
  error?: string;
  form?: SignInForm;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('signin.title')}>
      <p>{t('signin.intro')}</p>
      {error && (
        <div class="problem" role="alert" id="signin-error">
          <p>{t('signin.refused', { reason: error })}</p>
        </div>
      )}
      {oidc && (
        <p>
          <a class="button primary" href={`/console/login/oidc?next=${encodeURIComponent(next)}`}>
            {t('signin.vneid')}
          </a>
        </p>
      )}
      {dev && (
        <section aria-labelledby="dev-signin">
          <h2 id="dev-signin">{t('signin.dev.title')}</h2>
          <p class="hint">{t('signin.dev.hint')}</p>
          <form method="post" action="/console/signin" class="stack">
            <CsrfField csrf={ctx.csrf} />
            <input type="hidden" name="next" value={next} />
            <label for="role">{t('signin.role')}</label>
            <select id="role" name="role">
              {SIGNIN_ROLES.map((r) => (
                <option value={r} selected={form.role === r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
            <label for="taxCode">{t('signin.taxCode')}</label>
            <input id="taxCode" name="taxCode" inputMode="numeric" autocomplete="off" value={form.taxCode ?? ''} />
            <label for="personalId">{t('signin.personalId')}</label>
            <input
              id="personalId"
              name="personalId"
              inputMode="numeric"
              autocomplete="off"
              value={form.personalId ?? ''}
            />
            <label for="facilityCode">{t('signin.facility')}</label>
            <input
              id="facilityCode"
              name="facilityCode"
              inputMode="numeric"
              autocomplete="off"
              value={form.facilityCode ?? ''}
            />
            <label for="level">{t('signin.level')}</label>
            <select id="level" name="level">
              <option value="2" selected={form.level !== '1'}>
                2
              </option>
              <option value="1" selected={form.level === '1'}>
                1
              </option>
            </select>
            <button type="submit" class="primary">
              {t('signin.submit')}
            </button>
          </form>
        </section>
      )}
    </Layout>
  );
}
