/** A sign-in refused (VNeID level below 2, an answer for another sign-in, a provider that refused): why, and a way back. */
import type { MessageKey } from '../../messages';
import { Layout, type PageContext } from './layout';

export function OidcRefusedPage({
  ctx,
  message,
  params,
}: {
  ctx: PageContext;
  message: MessageKey;
  params: Record<string, string | number>;
}) {
  return (
    <Layout ctx={ctx} title={ctx.t('oidc.refused.title')}>
      <div class="problem" role="alert">
        <p>{ctx.t(message, params)}</p>
      </div>
      <p>
        <a class="button" href="/console/signin">
          {ctx.t('oidc.again')}
        </a>
      </p>
    </Layout>
  );
}
