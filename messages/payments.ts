/** Benefit payments into bank accounts (issue 14 part 4): the accounts, the payment runs, the bank's answers — the console's and the CLI's words. */
import { section } from './entry';

export const payments = section({
  'payments.account.title': { vi: 'Tài khoản nhận trợ cấp', en: 'Benefit bank account' },
  'payments.account.none': {
    vi: 'Chưa có tài khoản ngân hàng: trợ cấp chưa thể chuyển khoản.',
    en: 'No bank account yet: benefits cannot be transferred.',
  },
  'payments.account.line': {
    vi: '{bank} ({bankCode}) số tài khoản {masked}, chủ tài khoản {holder}: {status}',
    en: '{bank} ({bankCode}) account {masked}, holder {holder}: {status}',
  },
  'payments.account.status.pending': { vi: 'chờ xác minh', en: 'awaiting verification' },
  'payments.account.status.verified': { vi: 'đã xác minh ngày {date}', en: 'verified on {date}' },
  'payments.account.status.superseded': { vi: 'đã thay thế', en: 'superseded' },
  'payments.account.status.closed': {
    vi: 'ngân hàng trả lại ngày {date} (mã {reason})',
    en: 'returned by the bank on {date} (code {reason})',
  },
  'payments.account.verify': { vi: 'Xác minh tài khoản', en: 'Verify the account' },
  'payments.cli.proposed': {
    vi: 'tài khoản #{id} {masked}: {status}{again}',
    en: 'account #{id} {masked}: {status}{again}',
  },
  'payments.cli.again': { vi: ' (đã đề nghị trước đó)', en: ' (proposed before)' },
  'payments.cli.run': {
    vi: 'đợt chi {runId}: {n} lệnh chuyển, tổng {sum}, tệp #{fileId} sha256 {sha256}{again}; {waiting} tháng chờ tài khoản đã xác minh',
    en: 'payment run {runId}: {n} transfers, total {sum}, file #{fileId} sha256 {sha256}{again}; {waiting} months wait for a verified account',
  },
  'payments.cli.runAgain': { vi: ' (đã lập trước đó)', en: ' (made before)' },
  'payments.cli.runEmpty': {
    vi: 'đợt chi {runId}: không có tháng trợ cấp nào để chuyển; {waiting} tháng chờ tài khoản đã xác minh',
    en: 'payment run {runId}: no benefit month to transfer; {waiting} months wait for a verified account',
  },
  'payments.cli.returns': {
    vi: '{kind}: {paid} đã chi trả, {returned} bị trả lại, {unchanged} không đổi, {unknown} không rõ',
    en: '{kind}: {paid} paid, {returned} returned, {unchanged} unchanged, {unknown} unknown',
  },
  'payments.cli.account': { vi: '#{id} {line}', en: '#{id} {line}' },
  'payments.cli.fileWritten': { vi: '{out} sha256 {sha256}', en: '{out} sha256 {sha256}' },
  'payments.cli.xml': { vi: '{xml}', en: '{xml}' },
  'payments.cli.returnLine': {
    vi: '  giao dịch {line} {endToEndId}: {result}',
    en: '  transaction {line} {endToEndId}: {result}',
  },
});
