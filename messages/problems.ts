/**
 * problem+json texts (issue #13): the `title` and `detail` of every problem the API answers, and
 * the CLI's error lines, by stable error code. `problem.<CODE>` is the detail; `problem.status.<n>`
 * the title. `{message}` (diagnostics of the command line's own codes: a path, a setting) is the
 * message the error was raised with. Codes stay language-neutral; test/messages/problems.test.ts fails if a code the API or
 * the CLI can answer lacks an entry here.
 */
import { section } from './entry';

export const problems = section({
  'problem.status.400': { vi: 'Yêu cầu không hợp lệ', en: 'Bad Request' },
  'problem.status.401': { vi: 'Chưa xác thực', en: 'Unauthorized' },
  'problem.status.403': { vi: 'Không có quyền', en: 'Forbidden' },
  'problem.status.404': { vi: 'Không tìm thấy', en: 'Not Found' },
  'problem.status.406': { vi: 'Không chấp nhận được', en: 'Not Acceptable' },
  'problem.status.409': { vi: 'Xung đột', en: 'Conflict' },
  'problem.status.413': { vi: 'Yêu cầu quá lớn', en: 'Payload Too Large' },
  'problem.status.415': { vi: 'Kiểu nội dung không được hỗ trợ', en: 'Unsupported Media Type' },
  'problem.status.422': { vi: 'Không xử lý được', en: 'Unprocessable Content' },
  'problem.status.429': { vi: 'Quá nhiều yêu cầu', en: 'Too Many Requests' },
  'problem.status.500': { vi: 'Lỗi hệ thống', en: 'Internal Server Error' },
  'problem.status.503': { vi: 'Dịch vụ tạm thời không sẵn sàng', en: 'Service Unavailable' },
  'problem.status.other': { vi: 'Lỗi', en: 'Error' },
  'problem.field': { vi: 'Trường: {field}.', en: 'Field: {field}.' },
  'problem.INVALID_INPUT.unknownKeys': {
    vi: 'Có trường không được chấp nhận: {keys}.',
    en: 'Fields that are not accepted: {keys}.',
  },
  'problem.unknown': { vi: 'Yêu cầu bị từ chối.', en: 'The request was refused.' },
  'problem.ALGORITHM_NOT_ALLOWED': {
    vi: 'Thuật toán ký của mã truy cập không được chấp nhận.',
    en: "The token's signing algorithm is not allowed.",
  },
  'problem.ALREADY_EXISTS': {
    vi: 'Đã có một bản ghi với cùng khóa.',
    en: 'A record with the same key already exists.',
  },
  'problem.ALREADY_PAID': { vi: 'Khoản này đã được thanh toán.', en: 'This has already been paid.' },
  'problem.ALREADY_QUEUED': { vi: 'Yêu cầu này đã được xếp hàng xử lý.', en: 'This request is already queued.' },
  'problem.ALREADY_REPORTED': {
    vi: 'Tháng này đã được thông báo tình hình tìm kiếm việc làm.',
    en: 'The job-search report for this month has already been made.',
  },
  'problem.AMOUNT_TOO_LARGE': { vi: 'Số tiền vượt quá giới hạn cho phép.', en: 'The amount is larger than allowed.' },
  'problem.ANNOUNCEMENT_EXISTS': {
    vi: 'Thông báo này đã được ghi nhận.',
    en: 'This announcement is already recorded.',
  },
  'problem.ANNOUNCEMENT_REFERENCE_CONFLICT': {
    vi: 'Mã tham chiếu của thông báo đã được dùng cho nội dung khác.',
    en: 'This announcement reference was already used for different content.',
  },
  'problem.AUDIT_KEY_UNAVAILABLE': {
    vi: 'Khóa nhật ký kiểm toán chưa sẵn sàng.',
    en: 'The audit key is not available.',
  },
  'problem.BAD_SIGNATURE': { vi: 'Chữ ký không hợp lệ.', en: 'The signature is not valid.' },
  'problem.BANK_LINE_EXISTS': {
    vi: 'Dòng sao kê ngân hàng này đã được ghi nhận.',
    en: 'This bank statement line is already recorded.',
  },
  'problem.BANK_REFERENCE_CONFLICT': {
    vi: 'Mã tham chiếu ngân hàng đã được dùng cho giao dịch khác.',
    en: 'This bank reference was already used for a different transaction.',
  },
  'problem.BELOW_WORKING_AGE': { vi: 'Người này chưa đủ tuổi lao động.', en: 'This person is below working age.' },
  'problem.CLAIM_ALREADY_OPEN': {
    vi: 'Người này đã có một hồ sơ trợ cấp thất nghiệp đang giải quyết.',
    en: 'This person already has an open unemployment claim.',
  },
  'problem.CLAIM_EXISTS': { vi: 'Hồ sơ này đã tồn tại.', en: 'This claim already exists.' },
  'problem.CLAIM_MONTH_EXISTS': {
    vi: 'Tháng hưởng này đã được ghi nhận.',
    en: 'This benefit month is already recorded.',
  },
  'problem.CLAIM_NOT_FOUND': { vi: 'Không tìm thấy hồ sơ.', en: 'No such claim.' },
  'problem.CONFIG': { vi: 'Cấu hình không hợp lệ: {message}', en: 'The configuration is not valid: {message}' },
  'problem.CONFLICT': { vi: 'Bản ghi chồng lấn với một bản ghi khác.', en: 'The record overlaps another.' },
  'problem.CONSTRAINT_VIOLATION': {
    vi: 'Bản ghi vi phạm một quy tắc của cơ sở dữ liệu.',
    en: 'The record would break a rule of the database.',
  },
  'problem.CONTRIBUTION_AFTER_TERMINATION': {
    vi: 'Có đóng bảo hiểm sau ngày chấm dứt hợp đồng.',
    en: 'There are contributions after the termination date.',
  },
  'problem.DATABASE_BUSY': {
    vi: 'Cơ sở dữ liệu đang quá tải; vui lòng thử lại sau.',
    en: 'The database is busy; try again shortly.',
  },
  'problem.DATABASE_UNAVAILABLE': {
    vi: 'Không kết nối được cơ sở dữ liệu; vui lòng thử lại sau.',
    en: 'The database cannot be reached right now; try again shortly.',
  },
  'problem.DATE_OUT_OF_RANGE': { vi: 'Ngày nằm ngoài khoảng cho phép.', en: 'The date is out of the allowed range.' },
  'problem.DECISION_REQUIRED': { vi: 'Vui lòng chọn chấp thuận hoặc từ chối.', en: 'Choose approve or reject.' },
  'problem.DECLARATION_EXISTS': { vi: 'Tờ khai này đã được nộp.', en: 'This declaration was already submitted.' },
  'problem.DEV_SECRET_REFUSED': {
    vi: 'Từ chối khóa phát triển ở môi trường vận hành: {message}',
    en: 'A development secret is refused in production: {message}',
  },
  'problem.DUPLICATE_BANK_REFERENCE': {
    vi: 'Một mã tham chiếu ngân hàng xuất hiện nhiều lần trong sao kê.',
    en: 'A bank reference appears more than once in the statement.',
  },
  'problem.DUPLICATE_EMPLOYEE': {
    vi: 'Một người lao động xuất hiện nhiều lần trong danh sách.',
    en: 'An employee appears more than once in the list.',
  },
  'problem.DUPLICATE_MONTH': { vi: 'Một tháng xuất hiện nhiều lần.', en: 'A month appears more than once.' },
  'problem.DUPLICATE_PERIOD': { vi: 'Kỳ này đã được kê khai.', en: 'This period was already declared.' },
  'problem.DUPLICATE_SI_NUMBER': {
    vi: 'Mã số bảo hiểm xã hội này thuộc về người khác.',
    en: 'This SI number belongs to another participant.',
  },
  'problem.EBOOK_EXISTS': { vi: 'Sổ bảo hiểm xã hội điện tử này đã được cấp.', en: 'This e-book was already issued.' },
  'problem.EMPLOYER_ALREADY_ACTIVE': { vi: 'Đơn vị đã hoạt động.', en: 'The employer is already active.' },
  'problem.EMPLOYER_EXCLUDED': {
    vi: 'Loại đơn vị này nằm ngoài hệ thống điện tử.',
    en: 'This category of employer is outside the electronic system.',
  },
  'problem.EMPLOYER_EXISTS': {
    vi: 'Đơn vị với mã số thuế này đã được đăng ký.',
    en: 'An employer with this tax code is already registered.',
  },
  'problem.EMPLOYER_NOT_FOUND': { vi: 'Không tìm thấy đơn vị.', en: 'No such employer.' },
  'problem.EMPLOYMENT_EXISTS': {
    vi: 'Quá trình làm việc này đã được ghi nhận.',
    en: 'This employment is already recorded.',
  },
  'problem.EMPLOYMENT_NOT_FOUND': { vi: 'Không tìm thấy quá trình làm việc.', en: 'No such employment.' },
  'problem.END_BEFORE_START': {
    vi: 'Ngày kết thúc không được trước ngày bắt đầu.',
    en: 'The end cannot be before the start.',
  },
  'problem.FILING_BEFORE_TERMINATION': {
    vi: 'Ngày nộp hồ sơ không được trước ngày chấm dứt hợp đồng.',
    en: 'The filing date cannot be before the termination date.',
  },
  'problem.FILING_DATE_IN_FUTURE': {
    vi: 'Ngày nộp hồ sơ không được ở tương lai.',
    en: 'The filing date cannot be in the future.',
  },
  'problem.FORBIDDEN': {
    vi: 'Mã truy cập này không được thực hiện thao tác trên tài nguyên này.',
    en: 'This token may not act on this resource.',
  },
  'problem.HI_CARD_EXISTS': { vi: 'Thẻ bảo hiểm y tế này đã được ghi nhận.', en: 'This HI card is already recorded.' },
  'problem.IDEMPOTENCY_KEY_REUSED': {
    vi: 'Khóa idempotency đã được dùng cho một yêu cầu khác.',
    en: 'This idempotency key was used for a different request.',
  },
  'problem.IDENTITY_LEVEL_TOO_LOW': {
    vi: 'Cần định danh VNeID mức 2 cho thao tác này.',
    en: 'This action needs VNeID identity level 2.',
  },
  'problem.IDENTITY_MISMATCH': { vi: 'Thông tin định danh không khớp.', en: 'The identity does not match.' },
  'problem.INCONSISTENT_RECORD': {
    vi: 'Bản ghi sẽ vi phạm một quy tắc nhất quán của dữ liệu.',
    en: 'The record would break a consistency rule.',
  },
  'problem.INTERNAL': { vi: 'Lỗi nội bộ.', en: 'Internal error.' },
  'problem.INVALID_AMOUNT': { vi: 'Số tiền không hợp lệ.', en: 'The amount is not valid.' },
  'problem.INVALID_ARGUMENT': { vi: 'Tham số không hợp lệ.', en: 'The argument is not valid.' },
  'problem.INVALID_BANK_REFERENCE': {
    vi: 'Mã tham chiếu ngân hàng không hợp lệ.',
    en: 'The bank reference is not valid.',
  },
  'problem.INVALID_CLAIM_ID': { vi: 'Mã hồ sơ không hợp lệ.', en: 'The claim ID is not valid.' },
  'problem.INVALID_CONTRACT_MONTHS': {
    vi: 'Thời hạn hợp đồng (số tháng) không hợp lệ.',
    en: 'The contract length in months is not valid.',
  },
  'problem.INVALID_CONTRACT_TYPE': { vi: 'Loại hợp đồng không hợp lệ.', en: 'Not a contract type.' },
  'problem.INVALID_COVERAGE_QUERY': {
    vi: 'Truy vấn thẻ bảo hiểm y tế không hợp lệ.',
    en: 'The coverage query is not valid.',
  },
  'problem.INVALID_CURRENCY': { vi: 'Đơn vị tiền tệ phải là VND.', en: 'The currency must be VND.' },
  'problem.INVALID_CURSOR': { vi: 'Con trỏ phân trang không hợp lệ.', en: 'The page cursor is not valid.' },
  'problem.INVALID_DATE': {
    vi: 'Ngày không hợp lệ (định dạng YYYY-MM-DD).',
    en: 'The date is not valid (YYYY-MM-DD).',
  },
  'problem.INVALID_DECISION': { vi: 'Quyết định không hợp lệ.', en: 'The decision is not valid.' },
  'problem.INVALID_DECLARATION': { vi: 'Tờ khai không hợp lệ.', en: 'The declaration is not valid.' },
  'problem.INVALID_DIRECTION': { vi: 'Chiều giao dịch không hợp lệ.', en: 'The direction is not valid.' },
  'problem.INVALID_EMAIL': { vi: 'Địa chỉ thư điện tử không hợp lệ.', en: 'The email address is not valid.' },
  'problem.INVALID_FACILITY_CODE': {
    vi: 'Mã cơ sở khám chữa bệnh không hợp lệ.',
    en: 'The facility code is not valid.',
  },
  'problem.INVALID_FILE': { vi: 'Tệp không hợp lệ: {message}', en: 'The file is not valid: {message}' },
  'problem.INVALID_GENDER': { vi: 'Giới tính là nam hoặc nữ.', en: 'Gender is male or female.' },
  'problem.INVALID_GROUND': { vi: 'Căn cứ chấm dứt không hợp lệ.', en: 'The termination ground is not valid.' },
  'problem.INVALID_HI_CARD': { vi: 'Thẻ bảo hiểm y tế không hợp lệ.', en: 'The HI card is not valid.' },
  'problem.INVALID_HI_CARD_CODE': { vi: 'Mã thẻ bảo hiểm y tế không hợp lệ.', en: 'The HI card code is not valid.' },
  'problem.INVALID_ID': { vi: 'Mã định danh không hợp lệ.', en: 'The identifier is not valid.' },
  'problem.INVALID_IDEMPOTENCY_KEY': {
    vi: 'Khóa idempotency gồm 8 đến 100 chữ cái, chữ số hoặc . _ : -',
    en: '8 to 100 letters, digits or . _ : -',
  },
  'problem.INVALID_INPUT': { vi: 'Dữ liệu không hợp lệ.', en: 'The input is not valid.' },
  'problem.INVALID_JWKS': { vi: 'Bộ khóa JWKS không hợp lệ: {message}', en: 'The JWKS is not valid: {message}' },
  'problem.INVALID_KIND': { vi: 'Loại không hợp lệ.', en: 'The kind is not valid.' },
  'problem.INVALID_LANG': { vi: 'Ngôn ngữ là vi hoặc en.', en: 'The language is vi or en.' },
  'problem.INVALID_LIMIT': { vi: 'Giới hạn số dòng phải từ 1 đến 200.', en: 'The limit is 1 to 200.' },
  'problem.INVALID_LINE': { vi: 'Dòng không hợp lệ.', en: 'The line is not valid.' },
  'problem.INVALID_MONTH': { vi: 'Tháng không hợp lệ (định dạng YYYY-MM).', en: 'The month is not valid (YYYY-MM).' },
  'problem.INVALID_NATIONALITY': {
    vi: 'Quốc tịch là mã ISO 3166 hai chữ cái.',
    en: 'A nationality is an ISO 3166 alpha-2 code.',
  },
  'problem.INVALID_ONBOARDING_ID': {
    vi: 'Mã hồ sơ đăng ký đơn vị không hợp lệ.',
    en: 'The onboarding ID is not valid.',
  },
  'problem.INVALID_PERSONAL_ID': { vi: 'Số định danh cá nhân gồm 12 chữ số.', en: 'A personal ID is 12 digits.' },
  'problem.INVALID_PHONE': { vi: 'Số điện thoại không hợp lệ.', en: 'The phone number is not valid.' },
  'problem.INVALID_PROVINCE': { vi: 'Tỉnh không hợp lệ.', en: 'The province is not valid.' },
  'problem.INVALID_PROVINCE_CODE': { vi: 'Mã tỉnh gồm hai chữ số.', en: 'A province code is two digits.' },
  'problem.INVALID_RANGE': { vi: 'Khoảng thời gian không hợp lệ.', en: 'The range is not valid.' },
  'problem.INVALID_REFERENCE': { vi: 'Mã tham chiếu không hợp lệ.', en: 'The reference is not valid.' },
  'problem.INVALID_REGION': {
    vi: 'Vùng lương tối thiểu là I, II, III hoặc IV.',
    en: 'A wage region is I, II, III or IV.',
  },
  'problem.INVALID_REPORT': {
    vi: 'Thông báo tìm kiếm việc làm không hợp lệ.',
    en: 'The job-search report is not valid.',
  },
  'problem.INVALID_SALARY': { vi: 'Tiền lương không hợp lệ.', en: 'The salary is not valid.' },
  'problem.INVALID_SEARCH': { vi: 'Từ khóa tìm kiếm không hợp lệ.', en: 'The search is not valid.' },
  'problem.INVALID_SI_NUMBER': { vi: 'Mã số bảo hiểm xã hội gồm 10 chữ số.', en: 'An SI number is 10 digits.' },
  'problem.INVALID_STATEMENT': { vi: 'Sao kê ngân hàng không hợp lệ.', en: 'The bank statement is not valid.' },
  'problem.INVALID_STATUS': { vi: 'Trạng thái không hợp lệ.', en: 'The status is not valid.' },
  'problem.INVALID_TAX_CODE': {
    vi: 'Mã số thuế gồm 10 chữ số, hoặc 10 chữ số, "-" và 3 chữ số.',
    en: 'A tax code is 10 digits, or 10 digits, "-" and 3 digits.',
  },
  'problem.INVALID_TERMINATION_GROUND': {
    vi: 'Căn cứ chấm dứt hợp đồng không hợp lệ.',
    en: 'The termination ground is not valid.',
  },
  'problem.INVALID_TERMINATION_REASON': {
    vi: 'Lý do chấm dứt hợp đồng không hợp lệ.',
    en: 'The termination reason is not valid.',
  },
  'problem.INVALID_TEXT': {
    vi: 'Nội dung trống hoặc chứa ký tự không được phép (NUL, ký tự điều khiển, surrogate đơn lẻ).',
    en: 'The text is blank or holds a character that is not allowed (NUL, a control character, a lone surrogate).',
  },
  'problem.INVALID_UNIT_CODE': { vi: 'Mã đơn vị không hợp lệ.', en: 'The unit code is not valid.' },
  'problem.JSON': { vi: 'Dữ liệu JSON không hợp lệ.', en: 'The JSON is not valid.' },
  'problem.LINE_ALREADY_BOOKED': {
    vi: 'Dòng sao kê này đã được hạch toán.',
    en: 'This statement line is already booked.',
  },
  'problem.LINE_NOT_ASSIGNABLE': {
    vi: 'Dòng sao kê này không thể gán.',
    en: 'This statement line cannot be assigned.',
  },
  'problem.LOCAL_ONLY': {
    vi: 'Lệnh này chỉ chạy trên máy cục bộ: {message}',
    en: 'This command runs locally only: {message}',
  },
  'problem.MALFORMED': { vi: 'Dữ liệu sai định dạng.', en: 'The data is malformed.' },
  'problem.MALFORMED_REQUEST': { vi: 'Không đọc được yêu cầu.', en: 'The request could not be parsed.' },
  'problem.MISSING_VALUE': { vi: 'Thiếu một giá trị bắt buộc.', en: 'A required value is missing.' },
  'problem.MONTH_IN_FUTURE': { vi: 'Tháng không được ở tương lai.', en: 'The month cannot be in the future.' },
  'problem.MONTH_NOT_FOUND': { vi: 'Không tìm thấy tháng này.', en: 'No such month.' },
  'problem.NOT_A_SIGNED_EBOOK': {
    vi: 'Tệp không phải là sổ bảo hiểm xã hội điện tử có chữ ký.',
    en: 'The file is not a signed e-book.',
  },
  'problem.NOT_ELIGIBLE': { vi: 'Không đủ điều kiện hưởng.', en: 'Not eligible.' },
  'problem.NOT_EMPLOYED': { vi: 'Không tìm thấy quá trình làm việc.', en: 'No such employment.' },
  'problem.NOT_FOUND': { vi: 'Không tìm thấy.', en: 'Not found.' },
  'problem.NOT_READY': { vi: 'Chưa sẵn sàng.', en: 'Not ready yet.' },
  'problem.NO_EMAIL_ON_FILE': { vi: 'Chưa có địa chỉ thư điện tử trong hồ sơ.', en: 'No email address is on file.' },
  'problem.NO_EMPLOYEES': { vi: 'Danh sách người lao động trống.', en: 'The employee list is empty.' },
  'problem.NUMBER_TOO_LARGE': { vi: 'Số quá lớn.', en: 'The number is too large.' },
  'problem.OIDC_STATE_MISMATCH': {
    vi: 'Phiên đăng nhập không khớp; vui lòng đăng nhập lại.',
    en: 'The sign-in state does not match; please sign in again.',
  },
  'problem.ONBOARDING_EXISTS': { vi: 'Hồ sơ đăng ký đơn vị này đã tồn tại.', en: 'This onboarding already exists.' },
  'problem.ONBOARDING_IN_PROGRESS': {
    vi: 'Hồ sơ đăng ký đơn vị đang được giải quyết.',
    en: 'An onboarding is already in progress.',
  },
  'problem.PARTICIPANT_EXISTS': {
    vi: 'Người tham gia với số định danh này đã được đăng ký.',
    en: 'A participant with this personal ID is already registered.',
  },
  'problem.PARTICIPANT_NOT_FOUND': {
    vi: 'Không có người tham gia với số định danh này.',
    en: 'No participant with this personal ID.',
  },
  'problem.PAYLOAD_KEYS': {
    vi: 'Khóa mã hóa dữ liệu không hợp lệ: {message}',
    en: 'The payload keys are not valid: {message}',
  },
  'problem.PAYLOAD_KEY_CURRENT': {
    vi: 'Khóa mã hóa hiện hành không thể bị xóa.',
    en: 'The current payload key cannot be removed.',
  },
  'problem.PAYLOAD_TOO_LARGE': { vi: 'Yêu cầu quá lớn.', en: 'The request is too large.' },
  'problem.PAYLOAD_UNDECODABLE': { vi: 'Không giải mã được dữ liệu.', en: 'The payload cannot be decoded.' },
  'problem.PAYMENT_EXISTS': { vi: 'Khoản thanh toán này đã được ghi nhận.', en: 'This payment is already recorded.' },
  'problem.PAYMENT_REFERENCE_CONFLICT': {
    vi: 'Mã tham chiếu thanh toán đã được dùng cho khoản khác.',
    en: 'This payment reference was already used for a different payment.',
  },
  'problem.POSTGRES_ONLY': {
    vi: 'Lệnh này chỉ chạy với PostgreSQL: {message}',
    en: 'This command needs PostgreSQL: {message}',
  },
  'problem.RANGE_TOO_LONG': { vi: 'Khoảng thời gian quá dài.', en: 'The range is too long.' },
  'problem.REASON_REQUIRED': { vi: 'Vui lòng nêu lý do.', en: 'A reason is required.' },
  'problem.REFERENCE_NOT_FOUND': {
    vi: 'Bản ghi được tham chiếu không tồn tại (hoặc vẫn đang được tham chiếu).',
    en: 'A record this one refers to does not exist (or is still referred to).',
  },
  'problem.REPORT_WINDOW_CLOSED': {
    vi: 'Thời hạn thông báo tìm kiếm việc làm tháng này đã hết hoặc chưa bắt đầu.',
    en: 'The report window for this month is not open.',
  },
  'problem.REQUEST_NOT_FOUND': { vi: 'Không tìm thấy yêu cầu.', en: 'No such request.' },
  'problem.SALARY_BELOW_FLOOR': {
    vi: 'Tiền lương thấp hơn mức lương tối thiểu vùng.',
    en: 'The salary is below the regional minimum wage.',
  },
  'problem.SALARY_EXISTS': { vi: 'Tiền lương này đã được ghi nhận.', en: 'This salary is already recorded.' },
  'problem.SALARY_TOO_LARGE': { vi: 'Tiền lương vượt quá mức cho phép.', en: 'The salary is larger than allowed.' },
  'problem.SEARCH_TOO_SHORT': { vi: 'Từ khóa tìm kiếm quá ngắn.', en: 'The search is too short.' },
  'problem.SHA256_MISMATCH': { vi: 'Mã băm SHA-256 không khớp.', en: 'The SHA-256 digest does not match.' },
  'problem.STACK_NOT_RUNNING': { vi: 'Các dịch vụ chưa chạy: {message}', en: 'The stack is not running: {message}' },
  'problem.START_MONTH_IN_FUTURE': {
    vi: 'Tháng bắt đầu không được ở tương lai.',
    en: 'The start month cannot be in the future.',
  },
  'problem.TASK_EXISTS': { vi: 'Công việc này đã tồn tại.', en: 'This task already exists.' },
  'problem.TEMPORAL_UNAVAILABLE': {
    vi: 'Dịch vụ quy trình tạm thời không kết nối được; vui lòng thử lại sau.',
    en: 'The workflow service cannot be reached right now; try again shortly.',
  },
  'problem.TERMINATION_BEFORE_EMPLOYMENT': {
    vi: 'Ngày chấm dứt hợp đồng không được trước khi bắt đầu làm việc.',
    en: 'The termination cannot be before the employment started.',
  },
  'problem.TERMINATION_IN_FUTURE': {
    vi: 'Ngày chấm dứt hợp đồng không được ở tương lai.',
    en: 'The termination date cannot be in the future.',
  },
  'problem.TEXT_TOO_LONG': { vi: 'Nội dung quá dài.', en: 'The text is too long.' },
  'problem.TOKEN_BAD_SIGNATURE': {
    vi: 'Chữ ký của mã truy cập không hợp lệ.',
    en: "The token's signature is not valid.",
  },
  'problem.TOKEN_EXPIRED': { vi: 'Mã truy cập đã hết hạn.', en: 'The token has expired.' },
  'problem.TOKEN_INVALID_CLAIMS': { vi: 'Nội dung mã truy cập không hợp lệ.', en: "The token's claims are not valid." },
  'problem.TOKEN_ISSUED_IN_FUTURE': {
    vi: 'Mã truy cập được cấp ở thời điểm tương lai.',
    en: 'The token was issued in the future.',
  },
  'problem.TOKEN_LIFETIME_TOO_LONG': {
    vi: 'Thời hạn của mã truy cập dài hơn mức cho phép với vai trò này.',
    en: 'The token lives longer than this role allows.',
  },
  'problem.TOKEN_MALFORMED': { vi: 'Mã truy cập sai định dạng.', en: 'The token is malformed.' },
  'problem.TOKEN_NOT_YET_VALID': { vi: 'Mã truy cập chưa có hiệu lực.', en: 'The token is not valid yet.' },
  'problem.TOKEN_WRONG_AUDIENCE': {
    vi: 'Mã truy cập không dành cho dịch vụ này.',
    en: 'The token is not meant for this service.',
  },
  'problem.TOKEN_WRONG_ISSUER': {
    vi: 'Mã truy cập không do bên cấp được chấp nhận phát hành.',
    en: 'The token was not issued by the accepted issuer.',
  },
  'problem.UNAUTHENTICATED': {
    vi: 'Cần đăng nhập (mã truy cập Bearer).',
    en: 'Authentication is required (a Bearer token).',
  },
  'problem.UNIT_CODE_TAKEN': {
    vi: 'Mã đơn vị này đã được cấp cho đơn vị khác.',
    en: 'This unit code is already given to another employer.',
  },
  'problem.UNKNOWN_KEY': { vi: 'Khóa không xác định.', en: 'Unknown key.' },
  'problem.UNSUPPORTED_LAW': { vi: 'Luật áp dụng không được hỗ trợ.', en: 'This law is not supported.' },
  'problem.UNSUPPORTED_MEDIA_TYPE': {
    vi: 'Kiểu nội dung không được hỗ trợ.',
    en: 'The content type is not supported.',
  },
  'problem.UPDATE_REFUSED': { vi: 'Thao tác bị từ chối.', en: 'The update was refused.' },
  'problem.VERSION_MISMATCH': { vi: 'Phiên bản không khớp.', en: 'The version does not match.' },
  'problem.WRONG_STATE': {
    vi: 'Hồ sơ không ở trạng thái cho phép thao tác này.',
    en: 'The case is not in a state that allows this.',
  },
  'problem.WRONG_TYPE': { vi: 'Sai kiểu dữ liệu.', en: 'Wrong type.' },
  'problem.AUDIT_KEY_NOT_CONFIGURED': {
    vi: 'Chưa cấu hình khóa nhật ký kiểm toán.',
    en: 'The audit key is not configured.',
  },
  'problem.CONTRIBUTION_MONTH_EXISTS': {
    vi: 'Tháng đóng này đã được ghi nhận.',
    en: 'This contribution month is already recorded.',
  },
  'problem.DECLARATION_ALREADY_RECORDED': {
    vi: 'Tờ khai này đã được ghi nhận.',
    en: 'This declaration is already recorded.',
  },
  'problem.DUPLICATE_LINE': { vi: 'Một dòng xuất hiện nhiều lần.', en: 'A line appears more than once.' },
  'problem.INVALID_HI_LEVEL': { vi: 'Mức hưởng bảo hiểm y tế không hợp lệ.', en: 'The HI benefit level is not valid.' },
  'problem.OVERALLOCATED': { vi: 'Số tiền phân bổ vượt quá số tiền đã nộp.', en: 'More is allocated than was paid.' },
  'problem.PAYMENT_AFTER_AS_OF': { vi: 'Khoản nộp sau ngày tính.', en: 'A payment is after the as-of date.' },
  'problem.RATE_LIMITED': { vi: 'Quá nhiều yêu cầu; vui lòng thử lại sau.', en: 'Too many requests; try again later.' },
  'problem.RATE_NOT_AVAILABLE': {
    vi: 'Chưa có mức áp dụng cho tháng này.',
    en: 'No rate is available for this month.',
  },
  'problem.TAX_CODE_MISMATCH': { vi: 'Mã số thuế không khớp.', en: 'The tax code does not match.' },
  'problem.UNPAID_LEAVE_EXISTS': {
    vi: 'Thời gian nghỉ không lương này đã được ghi nhận.',
    en: 'This unpaid leave is already recorded.',
  },
  'problem.VALUE_DATE_BEFORE_EMPLOYER': {
    vi: 'Ngày giá trị trước ngày đơn vị bắt đầu tham gia.',
    en: 'The value date is before the employer joined.',
  },
  'problem.VALUE_DATE_IN_FUTURE': {
    vi: 'Ngày giá trị không được ở tương lai.',
    en: 'The value date cannot be in the future.',
  },
  // ——— Benefit payments into bank accounts (issue 14 part 4; H5) ———
  'problem.INVALID_BANK_CODE': {
    vi: 'Mã ngân hàng phải là mã BIC (8 hoặc 11 ký tự).',
    en: 'The bank code must be a BIC (8 or 11 characters).',
  },
  'problem.UNSUPPORTED_BANK': {
    vi: 'Chưa hỗ trợ chi trả vào ngân hàng này.',
    en: 'Benefits cannot be paid into this bank yet.',
  },
  'problem.INVALID_ACCOUNT_NUMBER': {
    vi: 'Số tài khoản gồm từ 6 đến 19 chữ số.',
    en: 'An account number has 6 to 19 digits.',
  },
  'problem.ACCOUNT_HOLDER_MISMATCH': {
    vi: 'Chủ tài khoản phải là chính người hưởng trợ cấp.',
    en: 'The account holder must be the beneficiary.',
  },
  'problem.NO_PENDING_ACCOUNT': {
    vi: 'Không có tài khoản ngân hàng nào đang chờ xác minh.',
    en: 'No bank account awaits verification.',
  },
  'problem.ACCOUNT_ALREADY_VERIFIED': {
    vi: 'Người tham gia đã có một tài khoản được xác minh.',
    en: 'The participant already has a verified account.',
  },
  'problem.ACCOUNT_ALREADY_PENDING': {
    vi: 'Người tham gia đã có một tài khoản đang chờ xác minh.',
    en: 'The participant already has an account awaiting verification.',
  },
  'problem.INVALID_RUN_ID': {
    vi: 'Mã đợt chi trả là ngày chi trả YYYY-MM-DD (có thể kèm hậu tố).',
    en: 'A payment run id is its date, YYYY-MM-DD (optionally with a suffix).',
  },
  'problem.RUN_DATE_IN_FUTURE': {
    vi: 'Không thể lập đợt chi trả trước ngày chi trả.',
    en: 'A payment run cannot be made before its payment date.',
  },
  'problem.PAYMENT_RUN_EXISTS': {
    vi: 'Đợt chi trả này đã có tệp lệnh chi.',
    en: 'This payment run already has its file.',
  },
  'problem.TOO_MANY_ATTEMPTS': {
    vi: 'Tháng trợ cấp này đã được lệnh chi quá nhiều lần.',
    en: 'This benefit month was instructed too many times.',
  },
  'problem.ALREADY_INSTRUCTED': {
    vi: 'Tháng trợ cấp này đã có trong một tệp lệnh chi.',
    en: 'This benefit month is already in a payment file.',
  },
  'problem.INVALID_BANK_FILE': {
    vi: 'Không đọc được tệp của ngân hàng (pain.002 hoặc camt.054).',
    en: 'The bank file (pain.002 or camt.054) cannot be read.',
  },
  'problem.BANK_DATE_IN_FUTURE': {
    vi: 'Ngày của ngân hàng không được ở tương lai.',
    en: "The bank's date cannot be in the future.",
  },
  'problem.PAYMENT_STATUS_CONFLICT': {
    vi: 'Ngân hàng báo một trạng thái trái với trạng thái đã ghi nhận của lệnh chuyển.',
    en: 'The bank reports a status that contradicts the one recorded for the transfer.',
  },
  'problem.PAYMENT_AMOUNT_MISMATCH': {
    vi: 'Số tiền ngân hàng ghi nợ khác số tiền đã lệnh chi.',
    en: 'The amount the bank debited differs from the amount instructed.',
  },
});
