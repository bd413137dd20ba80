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
    vi: '{kind}: {paid} đã chi trả, {returned} bị trả lại, {reversed} bị hoàn về sau khi chi, {unchanged} không đổi, {unknown} không rõ',
    en: '{kind}: {paid} paid, {returned} returned, {reversed} reversed after payment, {unchanged} unchanged, {unknown} unknown',
  },
  'payments.cli.account': { vi: '#{id} {line}', en: '#{id} {line}' },
  'payments.cli.fileWritten': { vi: '{out} sha256 {sha256}', en: '{out} sha256 {sha256}' },
  'payments.cli.returnLine': {
    vi: '  giao dịch {line} {endToEndId}: {result}',
    en: '  transaction {line} {endToEndId}: {result}',
  },
  'cli.help.ansinh.bank.account': {
    vi: 'tài khoản ngân hàng nhận trợ cấp của người tham gia',
    en: "a participant's bank account for benefit payments",
  },
  'cli.help.ansinh.bank.account.show': {
    vi: 'các tài khoản của người tham gia, mới nhất trước, số tài khoản được che',
    en: "the participant's accounts, newest first, the numbers masked",
  },
  'cli.help.ansinh.bank.account.show.<personalId>': {
    vi: 'người tham gia (số định danh cá nhân)',
    en: 'the participant (personal ID)',
  },
  'cli.help.ansinh.bank.account.propose': {
    vi: 'đề nghị tài khoản nhận trợ cấp: chờ cán bộ xác minh',
    en: 'propose the account benefits are paid into: pending until an officer verifies it',
  },
  'cli.help.ansinh.bank.account.propose.<personalId>': {
    vi: 'người tham gia (số định danh cá nhân)',
    en: 'the participant (personal ID)',
  },
  'cli.help.ansinh.bank.account.propose.--bank': {
    vi: 'mã BIC của ngân hàng, ví dụ BFTVVNVX (Vietcombank)',
    en: "the bank's BIC, e.g. BFTVVNVX (Vietcombank)",
  },
  'cli.help.ansinh.bank.account.propose.--number': {
    vi: 'số tài khoản (6–19 chữ số)',
    en: 'the account number (6–19 digits)',
  },
  'cli.help.ansinh.bank.account.propose.--holder': {
    vi: 'chủ tài khoản: chính người tham gia',
    en: 'the account holder: the participant',
  },
  'cli.help.ansinh.bank.account.propose.--by': { vi: 'người đề nghị', en: 'who proposes it' },
  'cli.help.ansinh.bank.account.verify': {
    vi: 'cán bộ xác minh tài khoản đang chờ: trợ cấp được chuyển vào tài khoản này',
    en: 'an officer verifies the pending account: it becomes the one benefits are paid into',
  },
  'cli.help.ansinh.bank.account.verify.<personalId>': {
    vi: 'người tham gia (số định danh cá nhân)',
    en: 'the participant (personal ID)',
  },
  'cli.help.ansinh.bank.account.verify.--account': {
    vi: 'tài khoản (mặc định: tài khoản đang chờ)',
    en: 'the account (default: the pending one)',
  },
  'cli.help.ansinh.bank.account.verify.--officer': { vi: 'cán bộ xác minh', en: 'the verifying officer' },
  'cli.help.ansinh.bank.payment-run': {
    vi: 'lập đợt chi: mọi tháng trợ cấp phải trả có tài khoản đã xác minh, trong một tệp pain.001; lập lại cho cùng tệp',
    en: 'make the payment run: every benefit month owed with a verified account, in one pain.001 file; the same run again returns the same file',
  },
  'cli.help.ansinh.bank.payment-run.<run>': {
    vi: 'mã đợt chi: ngày chi trả YYYY-MM-DD (có thể kèm -hậu tố)',
    en: 'the run id: its payment date YYYY-MM-DD (optionally -suffix)',
  },
  'cli.help.ansinh.bank.payment-run.--by': { vi: 'người lập', en: 'who makes it' },
  'cli.help.ansinh.bank.payment-file': {
    vi: 'in tệp pain.001.001.09 của một đợt chi như đã lưu',
    en: "print a payment run's pain.001.001.09 file as stored",
  },
  'cli.help.ansinh.bank.payment-file.<run>': { vi: 'mã đợt chi (hoặc mã tệp)', en: 'the run id (or the file id)' },
  'cli.help.ansinh.bank.payment-file.--out': {
    vi: 'ghi tệp XML ra tệp này thay vì in',
    en: 'write the XML to this file instead of printing it',
  },
  'cli.help.ansinh.bank.returns': {
    vi: 'nhập trả lời của ngân hàng về tệp lệnh chi: tháng đã chuyển được ghi đã chi trả theo ngày của ngân hàng, tháng bị từ chối ghi bị trả lại',
    en: "import the bank's answers to a payment file: executed months are paid on the bank's date, rejected ones returned",
  },
  'cli.help.ansinh.bank.returns.<file>': {
    vi: 'báo cáo trạng thái pain.002 hoặc thông báo ghi nợ camt.054 của ngân hàng',
    en: "the paying bank's ISO 20022 pain.002 status report or camt.054 debit notification",
  },
  'cli.help.ansinh.bank.returns.--format': {
    vi: 'định dạng tệp (mặc định: theo phần tử gốc)',
    en: 'the file format (default: by its root element)',
  },
  'cli.help.ansinh.bank.returns.--author': { vi: 'người nhập', en: 'who imports it' },
});
