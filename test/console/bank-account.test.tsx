/** The bank account on the console's pages (issue 14 part 4): the number only masked, the status in words, in both languages. */
import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { translator } from '../../messages';
import { BankAccounts, type BankAccountView } from '../../console/views/bank-account';

const accounts: BankAccountView[] = [
  {
    id: 2,
    bankCode: 'BFTVVNVX',
    bankName: 'Vietcombank',
    accountNumberMasked: '••••3456',
    holderName: 'Nguyễn Văn Thư',
    status: 'verified',
    proposedOn: '2026-12-01',
    verifiedOn: '2026-12-02',
    closedReason: null,
    closedOn: null,
  },
  {
    id: 1,
    bankCode: 'VBAAVNVX',
    bankName: 'Agribank',
    accountNumberMasked: '••••9999',
    holderName: 'Nguyễn Văn Thư',
    status: 'closed',
    proposedOn: '2026-11-01',
    verifiedOn: '2026-11-02',
    closedReason: 'AC04',
    closedOn: '2026-11-20',
  },
];
const ctx = (lang: 'vi' | 'en') => ({ lang, t: translator(lang), csrf: '', path: '/', principal: null });

describe('the bank account on the console', () => {
  it('shows each account masked to its last 4 digits, with its status and dates day first', () => {
    const vi = render(BankAccounts({ ctx: ctx('vi'), accounts })!);
    expect(vi).toContain('Tài khoản nhận trợ cấp');
    expect(vi).toContain('Vietcombank (BFTVVNVX) số tài khoản ••••3456');
    expect(vi).toContain('đã xác minh ngày 02/12/2026');
    expect(vi).toContain('ngân hàng trả lại ngày 20/11/2026 (mã AC04)');
    const en = render(BankAccounts({ ctx: ctx('en'), accounts: [] })!);
    expect(en).toContain('No bank account yet');
  });
});
