/**
 * Texts of the employer's D02-LT file (issue #15): the refusals of a file and the findings of its
 * rows, the console's upload and preview, the CLI's lines, and the words of the statement export.
 */
import { section } from './entry';

export const d02 = section({
  // Titles of the refusals of a file, and of the findings of a row.
  'problem.D02_FORMAT.title': { vi: 'Định dạng tệp không được hỗ trợ', en: 'File format not supported' },
  'problem.D02_EMPTY.title': { vi: 'Tệp không có dữ liệu', en: 'Empty file' },
  'problem.D02_TOO_LARGE.title': { vi: 'Tệp quá lớn', en: 'File too large' },
  'problem.D02_ENCODING.title': { vi: 'Bảng mã không được hỗ trợ', en: 'Encoding not supported' },
  'problem.D02_CSV_MALFORMED.title': { vi: 'Tệp CSV bị lỗi', en: 'Malformed CSV' },
  'problem.D02_XLSX_UNREADABLE.title': { vi: 'Không đọc được tệp Excel', en: 'Unreadable workbook' },
  'problem.D02_XLSX_TOO_LARGE.title': { vi: 'Tệp Excel giải nén quá lớn', en: 'Workbook unpacks too large' },
  'problem.D02_TOO_MANY_ROWS.title': { vi: 'Quá nhiều dòng', en: 'Too many rows' },
  'problem.D02_UNKNOWN_LAYOUT.title': { vi: 'Không phải danh sách mẫu D02-LT', en: 'Not a D02-LT list' },
  'problem.D02_FILE_CHANGED.title': { vi: 'Tệp khác tệp đã xem trước', en: 'Not the previewed file' },
  'problem.D02_NOTHING_DECLARED.title': { vi: 'Không có dòng nào để kê khai', en: 'Nothing to declare' },
  'problem.D02_FORMULA_CELL.title': { vi: 'Ô chứa công thức', en: 'Formula cell' },
  'problem.D02_UNKNOWN_ACTION.title': { vi: 'Phương án không hợp lệ', en: 'Unknown action' },
  'problem.D02_REQUIRED.title': { vi: 'Thiếu thông tin bắt buộc', en: 'Required value missing' },
  'problem.D02_DATE_FORMAT.title': { vi: 'Ngày không hợp lệ', en: 'Invalid date' },
  'problem.D02_MONTH_FORMAT.title': { vi: 'Tháng không hợp lệ', en: 'Invalid month' },
  'problem.D02_AMOUNT_FORMAT.title': { vi: 'Số tiền không hợp lệ', en: 'Invalid amount' },
  'problem.D02_PAY_SCALE_UNSUPPORTED.title': {
    vi: 'Hệ số lương không được hỗ trợ',
    en: 'Pay-scale coefficient not supported',
  },
  'problem.D02_GENDER.title': { vi: 'Giới tính không hợp lệ', en: 'Invalid gender' },
  'problem.D02_CONTRACT_TYPE.title': { vi: 'Loại hợp đồng không hợp lệ', en: 'Invalid contract type' },
  'problem.D02_RANGE_TOO_LONG.title': { vi: 'Khoảng tháng quá dài', en: 'Month range too long' },

  'problem.INVALID_SHA256.title': { vi: 'Mã SHA-256 không hợp lệ', en: 'Invalid SHA-256' },
  'problem.INVALID_SHA256': {
    vi: 'Mã SHA-256 gồm 64 chữ số thập lục phân.',
    en: 'A SHA-256 is 64 hexadecimal digits.',
  },
  'problem.INVALID_STATEMENT_FILE.title': { vi: 'Tên tệp thông báo không hợp lệ', en: 'Invalid statement file name' },
  'problem.INVALID_STATEMENT_FILE': {
    vi: 'Tên tệp là YYYY-MM.csv hoặc YYYY-MM.xlsx.',
    en: 'The file name is YYYY-MM.csv or YYYY-MM.xlsx.',
  },
  'problem.D02_FORMAT': {
    vi: 'Chỉ nhận tệp .xlsx hoặc CSV (UTF-8); tệp .xls cũ hoặc PDF cần lưu lại thành .xlsx.',
    en: 'Only .xlsx or CSV (UTF-8) files are accepted; save a legacy .xls or a PDF as .xlsx.',
  },
  'problem.D02_EMPTY': { vi: 'Tệp không có dòng dữ liệu nào.', en: 'The file has no data rows.' },
  'problem.D02_TOO_LARGE': { vi: 'Tệp vượt quá dung lượng cho phép.', en: 'The file is larger than allowed.' },
  'problem.D02_TOO_LARGE.detail': {
    vi: 'Tệp tối đa {maxBytes:number} byte.',
    en: 'A file may be at most {maxBytes:number} bytes.',
  },
  'problem.D02_ENCODING': {
    vi: 'Tệp CSV phải dùng bảng mã UTF-8: trong Excel chọn “Lưu dưới dạng” → “CSV UTF-8”.',
    en: 'A CSV file must be UTF-8: in Excel choose “Save as” → “CSV UTF-8”.',
  },
  'problem.D02_ENCODING.detail': {
    vi: 'Tệp đang ở bảng mã {encoding}; hãy lưu lại dưới dạng CSV UTF-8 (Windows-1258, TCVN3 và UTF-16 không được nhận).',
    en: 'The file is {encoding}; save it as CSV UTF-8 (Windows-1258, TCVN3 and UTF-16 are not accepted).',
  },
  'problem.D02_CSV_MALFORMED': {
    vi: 'Không đọc được tệp CSV (dấu ngoặc kép không đóng?).',
    en: 'The CSV cannot be read (an unclosed quote?).',
  },
  'problem.D02_XLSX_UNREADABLE': {
    vi: 'Không đọc được tệp Excel: tệp không phải .xlsx hợp lệ.',
    en: 'The workbook cannot be read: not a valid .xlsx file.',
  },
  'problem.D02_XLSX_TOO_LARGE': {
    vi: 'Tệp Excel khi giải nén vượt quá dung lượng cho phép.',
    en: 'The workbook unpacks to more than allowed.',
  },
  'problem.D02_XLSX_TOO_LARGE.detail': {
    vi: 'Tệp Excel giải nén tối đa {maxBytes:number} byte.',
    en: 'A workbook may unpack to at most {maxBytes:number} bytes.',
  },
  'problem.D02_TOO_MANY_ROWS': { vi: 'Danh sách có quá nhiều dòng.', en: 'The list has too many rows.' },
  'problem.D02_TOO_MANY_ROWS.detail': {
    vi: 'Một tệp có tối đa {maxRows:number} dòng; hãy chia thành nhiều tệp.',
    en: 'A file may have at most {maxRows:number} rows; split it into several files.',
  },
  'problem.D02_UNKNOWN_LAYOUT': {
    vi: 'Tệp không có dòng tiêu đề của mẫu D02-LT.',
    en: 'The file has no header row of form D02-LT.',
  },
  'problem.D02_UNKNOWN_LAYOUT.detail': {
    vi: 'Tệp không phải danh sách mẫu D02-LT: thiếu cột {missing}.',
    en: 'Not a D02-LT list: the columns {missing} are missing.',
  },
  'problem.D02_FILE_CHANGED': {
    vi: 'Tệp gửi khác tệp đã xem trước; hãy xem trước lại.',
    en: 'This is not the file that was previewed; preview it again.',
  },
  'problem.D02_NOTHING_DECLARED': {
    vi: 'Không dòng nào có Phương án (TM, GH, DC, KL): không có gì để kê khai.',
    en: 'No row has an action (TM, GH, DC, KL): nothing to declare.',
  },
  'problem.D02_FORMULA_CELL': {
    vi: 'Ô chứa công thức: hãy ghi giá trị (công thức không được tính).',
    en: 'The cell holds a formula: write the value (formulas are not evaluated).',
  },
  'problem.D02_UNKNOWN_ACTION': {
    vi: 'Phương án là TM (tăng mới), GH (giảm hẳn), DC (điều chỉnh lương) hoặc KL (nghỉ không lương).',
    en: 'The action is TM (hire), GH (leave), DC (salary change) or KL (unpaid leave).',
  },
  'problem.D02_REQUIRED': {
    vi: 'Phương án này cần thông tin ở cột này.',
    en: 'This action needs a value in this column.',
  },
  'problem.D02_DATE_FORMAT': { vi: 'Ngày ghi theo dạng dd/mm/yyyy.', en: 'A date is written dd/mm/yyyy.' },
  'problem.D02_MONTH_FORMAT': { vi: 'Tháng ghi theo dạng mm/yyyy.', en: 'A month is written mm/yyyy.' },
  'problem.D02_AMOUNT_FORMAT': {
    vi: 'Số tiền là số đồng nguyên, ví dụ 15.000.000.',
    en: 'An amount is whole VND, e.g. 15,000,000.',
  },
  'problem.D02_PAY_SCALE_UNSUPPORTED': {
    vi: 'Hệ số và phần trăm của thang lương nhà nước không được nhận: hãy ghi tiền lương bằng đồng.',
    en: 'State pay-scale coefficients and percentages are not accepted: write the salary in VND.',
  },
  'problem.D02_GENDER': { vi: 'Giới tính ghi “Nam” hoặc “Nữ”.', en: 'Gender is “Nam” (male) or “Nữ” (female).' },
  'problem.D02_CONTRACT_TYPE': {
    vi: 'Loại HĐLĐ: “Không xác định thời hạn”, “Xác định thời hạn từ 12 đến 36 tháng” hoặc “Xác định thời hạn từ 1 đến dưới 12 tháng”.',
    en: 'Contract type: “Không xác định thời hạn” (indefinite), “… từ 12 đến 36 tháng” (12–36 months) or “… từ 1 đến dưới 12 tháng” (1–12 months).',
  },
  'problem.D02_RANGE_TOO_LONG': {
    vi: 'Một dòng nghỉ không lương có tối đa 12 tháng.',
    en: 'One unpaid-leave row spans at most 12 months.',
  },

  // The statement export (the words of its first column).
  'd02.statement.item': { vi: 'Chỉ tiêu', en: 'Item' },
  'd02.statement.value': { vi: 'Giá trị', en: 'Value' },
  'd02.statement.taxCode': { vi: 'Mã số thuế', en: 'Tax code' },
  'd02.statement.period': { vi: 'Kỳ (tháng)', en: 'Period (month)' },
  'd02.statement.asOf': { vi: 'Tính đến ngày', en: 'As of' },
  'd02.statement.employees': { vi: 'Số lao động', en: 'Employees' },
  'd02.statement.dueEmployee': { vi: 'Phải đóng (người lao động)', en: 'Due (employee)' },
  'd02.statement.dueEmployer': { vi: 'Phải đóng (đơn vị)', en: 'Due (employer)' },
  'd02.statement.dueTotal': { vi: 'Tổng số phải đóng', en: 'Total due' },
  'd02.statement.deadline': { vi: 'Hạn đóng', en: 'Deadline' },
  'd02.statement.paid': { vi: 'Đã đóng', en: 'Paid' },
  'd02.statement.outstanding': { vi: 'Còn phải đóng', en: 'Outstanding' },
  'd02.statement.status': { vi: 'Tình trạng', en: 'Status' },
  'd02.statement.lateCharge': { vi: 'Tiền lãi chậm đóng', en: 'Late charge' },
  'd02.statement.chargePaid': { vi: 'Tiền lãi đã đóng', en: 'Late charge paid' },
  'd02.statement.maxDaysLate': { vi: 'Số ngày chậm đóng', en: 'Days late' },
  'd02.statement.evasion': { vi: 'Trốn đóng', en: 'Evasion' },
  'd02.statement.paidFromCredit': { vi: 'Bù trừ từ số dư', en: 'Settled from credit' },
  'd02.statement.creditHeld': { vi: 'Số dư còn lại', en: 'Credit held' },
  'd02.statement.settlement': { vi: 'Thanh toán', en: 'Settlement' },
  'd02.statement.fromCredit': { vi: 'từ số dư', en: 'from credit' },
  'd02.status.paid': { vi: 'Đã đóng đủ', en: 'Paid' },
  'd02.status.partially_paid': { vi: 'Đóng một phần', en: 'Partially paid' },
  'd02.status.unpaid': { vi: 'Chưa đóng', en: 'Unpaid' },
  'd02.status.overpaid': { vi: 'Đóng thừa', en: 'Overpaid' },
  'd02.yes': { vi: 'Có', en: 'Yes' },
  'd02.no': { vi: 'Không', en: 'No' },
  // The CLI: `ansinh employer declare --file`, `employer employees`, `employer statement --out`.
  'cli.d02.preview': {
    vi: '{rows} dòng: {declarations} khai báo, {unchanged} dòng không đổi, {errors} lỗi (sha256 {sha256})',
    en: '{rows} rows: {declarations} declarations, {unchanged} unchanged, {errors} findings (sha256 {sha256})',
  },
  'cli.d02.error': {
    vi: '  dòng {line}, cột “{column}”: {code}: {message}',
    en: '  line {line}, column “{column}”: {code}: {message}',
  },
  'cli.d02.change': {
    vi: '  dòng {line}: {kind} {personalId} từ {month}: {result}',
    en: '  line {line}: {kind} {personalId} from {month}: {result}',
  },
  'cli.d02.new': { vi: 'sẽ ghi nhận', en: 'would be recorded' },
  'cli.d02.written': { vi: 'đã ghi {file}: {rows} người lao động', en: 'wrote {file}: {rows} employees' },
  'cli.d02.statementWritten': { vi: 'đã ghi {file}', en: 'wrote {file}' },
  'cli.help.ansinh.employer.declare.--file': {
    vi: 'danh sách lao động mẫu D02-LT (CSV UTF-8 hoặc XLSX) thay cho tệp JSON',
    en: 'a D02-LT list of employees (CSV UTF-8 or XLSX) instead of the JSON',
  },
  'cli.help.ansinh.employer.declare.--preview': {
    vi: 'cùng --file: hiện mọi lỗi của từng dòng và mọi thay đổi, không ghi gì',
    en: 'with --file: show every row finding and every change, and write nothing',
  },
  'cli.help.ansinh.employer.employees': {
    vi: 'xuất danh sách lao động theo mẫu D02-LT (sửa, ghi Phương án, rồi declare --file); việc đọc được ghi nhật ký',
    en: 'export the employees in the D02-LT layout (edit, set Phương án, declare --file); the read is logged',
  },
  'cli.help.ansinh.employer.employees.--out': {
    vi: 'tệp ghi danh sách (.csv hoặc .xlsx: định dạng theo tên tệp)',
    en: 'where to write the list (.csv or .xlsx: the format follows the name)',
  },
  'cli.help.ansinh.employer.employees.--month': {
    vi: 'người lao động đang làm việc trong tháng này (mặc định tháng hiện tại)',
    en: 'the employees in force that month (default this month)',
  },
  'cli.help.ansinh.employer.statement.--out': {
    vi: 'ghi thông báo ra tệp (.csv hoặc .xlsx: định dạng theo tên tệp)',
    en: 'write the statement to a file instead (.csv or .xlsx: the format follows the name)',
  },
  // The console's upload page.
  'nav.employer.file': { vi: 'Tệp D02-LT', en: 'D02-LT file' },
  'd02.console.title': { vi: 'Khai báo bằng tệp D02-LT', en: 'Declare with a D02-LT file' },
  'd02.console.intro': {
    vi: 'Tải lên danh sách lao động theo mẫu D02-LT (CSV UTF-8 hoặc XLSX, tối đa 10.000 dòng). Xem trước các lỗi và thay đổi, rồi gửi cùng tệp đó.',
    en: 'Upload the list of employees in the D02-LT layout (CSV UTF-8 or XLSX, at most 10,000 rows). Preview its findings and changes, then submit the same file.',
  },
  'd02.console.download': {
    vi: 'Tải danh sách lao động hiện tại theo mẫu D02-LT để sửa:',
    en: 'Download the current employees in the D02-LT layout to edit:',
  },
  'd02.console.file': { vi: 'Tệp danh sách (CSV hoặc XLSX)', en: 'List file (CSV or XLSX)' },
  'd02.console.previewButton': { vi: 'Xem trước', en: 'Preview' },
  'd02.console.preview': { vi: 'Xem trước', en: 'Preview' },
  'd02.console.summary': {
    vi: '{rows} dòng: {declarations} khai báo, {unchanged} dòng không đổi, {errors} lỗi.',
    en: '{rows} rows: {declarations} declarations, {unchanged} unchanged, {errors} findings.',
  },
  'd02.console.errors': { vi: 'Lỗi theo dòng', en: 'Findings by row' },
  'd02.console.changes': { vi: 'Thay đổi sẽ ghi nhận', en: 'Changes to be recorded' },
  'd02.console.line': { vi: 'Dòng', en: 'Line' },
  'd02.console.column': { vi: 'Cột', en: 'Column' },
  'd02.console.finding': { vi: 'Lỗi', en: 'Finding' },
  'd02.console.kind': { vi: 'Loại', en: 'Kind' },
  'd02.console.person': { vi: 'Số CCCD/ĐDCN', en: 'Personal ID' },
  'd02.console.month': { vi: 'Từ tháng', en: 'From month' },
  'd02.console.salary': { vi: 'Tiền lương', en: 'Salary' },
  'd02.console.state': { vi: 'Trạng thái', en: 'State' },
  'd02.console.new': { vi: 'Mới', en: 'New' },
  'd02.console.submit': { vi: 'Gửi {declarations} khai báo', en: 'Submit {declarations} declarations' },
});
