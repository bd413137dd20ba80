/**
 * My notices (issue 13): every notice sent to me, newest first, with its delivery status and how it
 * went (e-mail or this inbox) — the in-app inbox of a person with no e-mail address on file.
 */
import type { z } from 'zod';
import type { noticeSchema } from '../../domain/schemas-notices';
import type { MessageKey } from '../../messages';
import { formatDate } from '../../messages/format';
import { Layout, type PageContext } from './layout';

type Notice = z.infer<typeof noticeSchema>;

const STATUS_BADGE: Record<Notice['status'], string> = {
  queued: 'badge',
  sending: 'badge',
  sent: 'badge ok',
  failed: 'badge warn',
  dead: 'badge bad',
};

export function NoticesPage({ ctx, items, next }: { ctx: PageContext; items: Notice[]; next: string | null }) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t('notices.title')} current="/console/me/notices">
      <p>{t('notices.intro')}</p>
      {items.length === 0 ? (
        <p class="notice" role="status">
          {t('notices.empty')}
        </p>
      ) : (
        <ul class="stack notices">
          {items.map((n) => (
            <li class="panel" key={n.id}>
              <h2>{n.subject}</h2>
              <p class="notice-meta">
                <span>
                  {t('notices.col.date')}: {formatDate(lang, n.sentAt ?? n.createdAt)}
                </span>{' '}
                <span class={STATUS_BADGE[n.status]}>
                  {t('notices.col.status')}: {t(`notices.status.${n.status}` as MessageKey)}
                </span>{' '}
                <span>
                  {t('notices.col.via')}: {t(`notices.via.${n.deliveredVia ?? 'none'}` as MessageKey)}
                </span>
              </p>
              <p class="notice-body">{n.body.split('\n\n')[0]}</p>
            </li>
          ))}
        </ul>
      )}
      {next && (
        <p>
          <a class="button" href={`/console/me/notices?cursor=${encodeURIComponent(next)}`}>
            {t('notices.more')}
          </a>
        </p>
      )}
    </Layout>
  );
}
