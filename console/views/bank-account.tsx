/**
 * A participant's bank accounts for benefit payments (issue 14 part 4), as the participant's claim
 * page and the officer's participant page show them: the bank, the number masked to its last 4
 * digits (the API never gives more), the holder and the status.
 */
import type { z } from 'zod';
import type { bankAccountViewSchema } from '../../domain/schemas-payments';
import { formatDate } from '../../messages/format';
import type { PageContext } from './layout';

export type BankAccountView = z.infer<typeof bankAccountViewSchema>;

export function bankAccountLine(ctx: PageContext, a: BankAccountView): string {
  const { t, lang } = ctx;
  const status =
    a.status === 'verified'
      ? t('payments.account.status.verified', { date: formatDate(lang, a.verifiedOn) })
      : a.status === 'closed'
        ? t('payments.account.status.closed', { date: formatDate(lang, a.closedOn), reason: a.closedReason ?? '' })
        : t(`payments.account.status.${a.status}`);
  return t('payments.account.line', {
    bank: a.bankName ?? a.bankCode,
    bankCode: a.bankCode,
    masked: a.accountNumberMasked,
    holder: a.holderName,
    status,
  });
}

export function BankAccounts({ ctx, accounts }: { ctx: PageContext; accounts: BankAccountView[] | null }) {
  const { t } = ctx;
  if (accounts === null) return null;
  return (
    <section aria-labelledby="bank-account">
      <h2 id="bank-account">{t('payments.account.title')}</h2>
      {accounts.length === 0 ? (
        <p class="hint">{t('payments.account.none')}</p>
      ) : (
        <ul id="bank-accounts">
          {accounts.map((a) => (
            <li data-status={a.status}>{bankAccountLine(ctx, a)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
