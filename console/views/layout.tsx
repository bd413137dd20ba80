/**
 * The frame of every console page: the language's `lang`, a skip link, the header with the role's
 * navigation, the language switch and sign-out, one `main` landmark with the page's heading. The
 * CSRF token rides on every htmx request (hx-headers) and in every form (CsrfField).
 */
import type { ComponentChildren } from 'preact';
import type { Principal } from '../../api/auth';
import type { Lang, T } from '../../messages';
import { ROLE_NAV } from '../nav';

export interface PageContext {
  lang: Lang;
  t: T;
  csrf: string;
  /** The path of this page (the language switch comes back to it). */
  path: string;
  principal: Principal | null;
}

export function CsrfField({ csrf }: { csrf: string }) {
  return <input type="hidden" name="_csrf" value={csrf} />;
}

export function Layout({
  ctx,
  title,
  children,
  current,
}: {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
  current?: string;
}) {
  const { t, lang, principal } = ctx;
  const other: Lang = lang === 'vi' ? 'en' : 'vi';
  const nav = principal ? ROLE_NAV[principal.role] : [];
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${t('app.short')}`}</title>
        <meta name="htmx-config" content='{"includeIndicatorStyles":false,"allowEval":false}' />
        <link rel="stylesheet" href="/console/assets/console.css" />
        <script src="/console/assets/htmx.min.js" defer></script>
      </head>
      <body hx-headers={JSON.stringify({ 'x-csrf-token': ctx.csrf })}>
        <a class="skip" href="#main">
          {t('nav.skip')}
        </a>
        <header class="top">
          <a class="brand" href="/console">
            {t('app.name')}
          </a>
          {nav.length > 0 && (
            <nav aria-label={t('nav.main')}>
              <ul>
                {nav.map((item) => (
                  <li>
                    <a href={item.href} aria-current={current === item.href ? 'page' : undefined}>
                      {t(item.label)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          <div class="tools">
            <a href={`/console/lang/${other}?back=${encodeURIComponent(ctx.path)}`} lang={other} hreflang={other}>
              {t('lang.switch')}
            </a>
            {principal && (
              <form method="post" action="/console/signout" class="inline">
                <CsrfField csrf={ctx.csrf} />
                <span class="who">{t('session.signedInAs', { role: t(`role.${principal.role}`) })}</span>{' '}
                <button type="submit" class="link">
                  {t('session.signOut')}
                </button>
              </form>
            )}
          </div>
        </header>
        <main id="main" tabIndex={-1}>
          <h1>{title}</h1>
          {children}
        </main>
        <footer class="foot">
          <p>{t('app.name')}</p>
        </footer>
      </body>
    </html>
  );
}

/** A refusal of the API, as a person reads it: what failed, the code, and the field when there is one. */
export function ProblemBox({
  t,
  problem,
}: {
  t: T;
  problem: { code: string; detail?: string | undefined; title?: string | undefined };
}) {
  return (
    <div class="problem" role="alert">
      <p>
        <strong>{t('error.title')}</strong>
        {problem.detail ? `: ${problem.detail}` : ''}
      </p>
      <p class="code">{t('error.code', { code: problem.code })}</p>
    </div>
  );
}

export function ErrorPage({ ctx, message, code }: { ctx: PageContext; message: string; code?: string }) {
  return (
    <Layout ctx={ctx} title={ctx.t('error.title')}>
      <div class="problem" role="alert">
        <p>{message}</p>
        {code && <p class="code">{ctx.t('error.code', { code })}</p>}
      </div>
      <p>
        <a href="/console">{ctx.t('nav.home')}</a>
      </p>
    </Layout>
  );
}
