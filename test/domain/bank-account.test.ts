/** Rules §8.35 (Ansinh decision): the banks we pay into, an account number's shape, the holder is the beneficiary. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bankName,
  checkBankAccount,
  holderIsParticipant,
  maskAccountNumber,
  VN_BANKS,
} from '../../domain/bank-account';

describe('rules §8.35: a bank account benefits can be paid into', () => {
  it('a BIC of a listed Vietnamese bank (or its branch) and 6–19 digits are accepted; a foreign bank, a malformed BIC or number are refused with their code', () => {
    expect(checkBankAccount('bftvvnvx', '0071 0012-3456')).toEqual({
      ok: true,
      bankCode: 'BFTVVNVX',
      accountNumber: '007100123456',
    });
    expect(checkBankAccount('VBAAVNVX123', '123456')).toMatchObject({ ok: true, bankCode: 'VBAAVNVX123' });
    expect(checkBankAccount('DEUTDEFF', '123456')).toEqual({ ok: false, issue: 'UNSUPPORTED_BANK', field: 'bankCode' });
    expect(checkBankAccount('BFTV', '123456')).toEqual({ ok: false, issue: 'INVALID_BANK_CODE', field: 'bankCode' });
    expect(checkBankAccount('BFTVVNVX', '12345')).toMatchObject({ issue: 'INVALID_ACCOUNT_NUMBER' });
    expect(checkBankAccount('BFTVVNVX', '1'.repeat(20))).toMatchObject({ issue: 'INVALID_ACCOUNT_NUMBER' });
    expect(checkBankAccount('BFTVVNVX', '12345a7')).toMatchObject({ issue: 'INVALID_ACCOUNT_NUMBER' });
    expect(Object.keys(VN_BANKS).every((b) => checkBankAccount(b, '123456').ok)).toBe(true);
  });

  it('property: whatever is typed, an accepted account is a listed BIC and 6–19 digits', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 14 }), fc.string({ maxLength: 25 }), (b, n) => {
        const r = checkBankAccount(b, n);
        if (r.ok) {
          expect(r.bankCode.slice(0, 8) in VN_BANKS).toBe(true);
          expect(r.accountNumber).toMatch(/^[0-9]{6,19}$/);
        }
      }),
    );
  });

  it('the holder is the participant: names compared without accents, case or extra spaces', () => {
    expect(holderIsParticipant('NGUYEN  VAN THU', 'Nguyễn Văn Thư')).toBe(true);
    expect(holderIsParticipant('Nguyen Van Thu', 'Nguyễn Văn Thu')).toBe(true);
    expect(holderIsParticipant('TRAN THI B', 'Nguyễn Văn Thư')).toBe(false);
    expect(bankName('Đặng Thị Ánh')).toBe('DANG THI ANH');
    expect(maskAccountNumber('007100123456')).toBe('••••3456');
  });
});
