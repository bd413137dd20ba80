/**
 * Texts of a participant's data-update requests (issue #14 part 1): the refusals, the notices of
 * each step, and the console's form, progress and review pages.
 */
import { section } from './entry';

export const dataUpdates = section({
  // ——— refusals: each code's title, then its detail ———
  'problem.DATA_UPDATE_NOT_FOUND.title': { vi: 'Không tìm thấy yêu cầu', en: 'No such request' },
  'problem.DATA_UPDATE_ALREADY_OPEN.title': { vi: 'Yêu cầu đang được xử lý', en: 'Request already open' },
  'problem.NOTHING_TO_CHANGE.title': { vi: 'Không có gì thay đổi', en: 'Nothing to change' },
  'problem.PERSONAL_ID_BIRTH_YEAR_MISMATCH.title': {
    vi: 'Năm sinh không khớp số định danh',
    en: 'Birth year disagrees with the personal ID',
  },
  'problem.PERSONAL_ID_GENDER_MISMATCH.title': {
    vi: 'Giới tính không khớp số định danh',
    en: 'Gender disagrees with the personal ID',
  },
  'problem.INVALID_DATE_OF_BIRTH.title': { vi: 'Ngày sinh không hợp lệ', en: 'Invalid date of birth' },
  'problem.INVALID_REQUEST_ID.title': { vi: 'Mã yêu cầu không hợp lệ', en: 'Invalid request id' },
  'problem.INVALID_DOCUMENT_ID.title': { vi: 'Mã tài liệu không hợp lệ', en: 'Invalid document id' },
  'problem.INVALID_CODE.title': { vi: 'Mã xác nhận không hợp lệ', en: 'Invalid code' },
  'problem.INVALID_BANK_CODE.title': { vi: 'Mã ngân hàng không hợp lệ', en: 'Invalid bank code' },
  'problem.INVALID_ACCOUNT_NUMBER.title': { vi: 'Số tài khoản không hợp lệ', en: 'Invalid account number' },
  'problem.DATA_UPDATE_NOT_FOUND': {
    vi: 'Không tìm thấy yêu cầu thay đổi thông tin.',
    en: 'No such data-update request.',
  },
  'problem.DATA_UPDATE_ALREADY_OPEN': {
    vi: 'Đã có một yêu cầu cùng loại đang được xử lý.',
    en: 'A request of this kind is already being handled.',
  },
  'problem.NOTHING_TO_CHANGE': {
    vi: 'Yêu cầu không thay đổi thông tin nào: cơ sở dữ liệu đã ghi đúng như vậy.',
    en: 'The request changes nothing: the database already holds these values.',
  },
  'problem.PERSONAL_ID_BIRTH_YEAR_MISMATCH': {
    vi: 'Năm sinh không khớp với số định danh cá nhân (chữ số thứ 4 đến thứ 6 mã hóa thế kỷ và năm sinh).',
    en: 'The birth year does not agree with the personal ID (its 4th to 6th digits encode the century and the birth year).',
  },
  'problem.PERSONAL_ID_GENDER_MISMATCH': {
    vi: 'Giới tính không khớp với số định danh cá nhân (chữ số thứ 4 mã hóa thế kỷ và giới tính).',
    en: 'The gender does not agree with the personal ID (its 4th digit encodes the century and the gender).',
  },
  'problem.INVALID_DATE_OF_BIRTH': {
    vi: 'Ngày sinh không phải là một ngày hợp lệ.',
    en: 'The date of birth is not a date.',
  },
  'problem.INVALID_REQUEST_ID': { vi: 'Mã yêu cầu là một số nguyên dương.', en: 'A request id is a whole number.' },
  'problem.INVALID_DOCUMENT_ID': { vi: 'Mã tài liệu là một số nguyên dương.', en: 'A document id is a whole number.' },
  'problem.INVALID_CODE': { vi: 'Mã xác nhận gồm 6 chữ số.', en: 'A confirmation code is six digits.' },
  'problem.INVALID_BANK_CODE': {
    vi: 'Mã ngân hàng gồm 3 đến 11 chữ in hoa hoặc chữ số.',
    en: 'A bank code is 3 to 11 capital letters or digits.',
  },
  'problem.INVALID_ACCOUNT_NUMBER': {
    vi: 'Số tài khoản gồm 6 đến 19 chữ số.',
    en: 'An account number is 6 to 19 digits.',
  },

  // ——— notices to the participant ———
  'notice.data_update.filed.subject': {
    vi: 'Đã nhận yêu cầu thay đổi thông tin số {requestId}',
    en: 'Data-update request {requestId} received',
  },
  'notice.data_update.filed.body': {
    vi: 'Cơ quan bảo hiểm xã hội đã nhận yêu cầu thay đổi thông tin số {requestId} của Ông/Bà. Yêu cầu sẽ được xem xét chậm nhất ngày {dueDate}.',
    en: 'The social-insurance agency received your data-update request {requestId}. It will be reviewed by {dueDate} at the latest.',
  },
  'notice.data_update.more_evidence.subject': {
    vi: 'Yêu cầu số {requestId}: cần bổ sung tài liệu',
    en: 'Request {requestId}: more evidence needed',
  },
  'notice.data_update.more_evidence.body': {
    vi: 'Để xem xét yêu cầu thay đổi thông tin số {requestId}, cán bộ cần Ông/Bà bổ sung tài liệu: {reason}. Thời hạn xem xét tạm dừng cho đến khi Ông/Bà tải tài liệu lên.',
    en: 'To review your data-update request {requestId}, the officer needs more evidence: {reason}. The review deadline is paused until you upload it.',
  },
  'notice.data_update.approved.subject': {
    vi: 'Yêu cầu thay đổi thông tin số {requestId} đã được chấp thuận',
    en: 'Data-update request {requestId} approved',
  },
  'notice.data_update.approved.body': {
    vi: 'Thông tin của Ông/Bà đã được cập nhật theo yêu cầu số {requestId}; sổ bảo hiểm xã hội điện tử ghi nhận việc điều chỉnh.',
    en: 'Your data was updated as request {requestId} asked; your electronic social-insurance book records the change.',
  },
  'notice.data_update.rejected.subject': {
    vi: 'Yêu cầu thay đổi thông tin số {requestId} không được chấp thuận',
    en: 'Data-update request {requestId} rejected',
  },
  'notice.data_update.rejected.body': {
    vi: 'Yêu cầu thay đổi thông tin số {requestId} không được chấp thuận ngày {decidedOn}. Lý do: {reason}',
    en: 'Your data-update request {requestId} was rejected on {decidedOn}. Reason: {reason}',
  },
  // ——— notices to the officers' queues ———
  'notice.data_update.review_reminder.subject': {
    vi: 'Nhắc việc: yêu cầu thay đổi thông tin số {requestId}',
    en: 'Reminder: data-update request {requestId}',
  },
  'notice.data_update.review_reminder.body': {
    vi: 'Yêu cầu thay đổi thông tin số {requestId} cần được xem xét trước ngày {dueDate}.',
    en: 'Data-update request {requestId} must be reviewed by {dueDate}.',
  },
  'notice.data_update.review_escalation.subject': {
    vi: 'Quá hạn: yêu cầu thay đổi thông tin số {requestId}',
    en: 'Overdue: data-update request {requestId}',
  },
  'notice.data_update.review_escalation.body': {
    vi: 'Yêu cầu thay đổi thông tin số {requestId} đã quá hạn xem xét ({dueDate}) và được chuyển lên lãnh đạo.',
    en: 'Data-update request {requestId} passed its review deadline ({dueDate}) and was escalated to the supervisor.',
  },

  // ——— the CLI (ansinh data-update …) ———
  'cli.dataUpdate.summary': {
    vi: 'yêu cầu {id} ({kind}): {status}{flags}',
    en: 'request {id} ({kind}): {status}{flags}',
  },
  'cli.dataUpdate.applied': { vi: ', đã ghi nhận', en: ', applied' },
  'cli.dataUpdate.escalated': { vi: ', đã chuyển lãnh đạo', en: ', escalated' },
  'cli.dataUpdate.asks': { vi: '  đề nghị: {values}', en: '  asks: {values}' },
  'cli.dataUpdate.filed': { vi: '  ngày gửi {date}', en: '  filed {date}' },
  'cli.dataUpdate.due': {
    vi: '  hạn xem xét {date} (còn {n} ngày làm việc)',
    en: '  review due {date} ({n} working days left)',
  },
  'cli.dataUpdate.decided': { vi: '  quyết định ngày {date}', en: '  decided {date}' },
  'cli.dataUpdate.reason': { vi: '  lý do: {reason}', en: '  reason: {reason}' },
  'cli.dataUpdate.evidence': {
    vi: '  tài liệu {id}: {filename} ({type}, {size} byte)',
    en: '  evidence {id}: {filename} ({type}, {size} bytes)',
  },
  'cli.help.ansinh.data-update': {
    vi: 'yêu cầu thay đổi thông tin của người tham gia: gửi, xác nhận mã, bổ sung tài liệu, xem, quyết định',
    en: "a participant's data-update requests: file, confirm a code, add evidence, show, decide",
  },
  'cli.help.ansinh.data-update.file': {
    vi: 'gửi yêu cầu: thay đổi liên lạc gửi mã xác nhận; các loại khác bắt đầu xem xét',
    en: 'file a request: a contact change sends a one-time code; the other kinds start the review',
  },
  'cli.help.ansinh.data-update.file.<file.json>': {
    vi: '{ kind: email|phone|identity|nationality|bank_account, personalId, …giá trị mới }',
    en: '{ kind: email|phone|identity|nationality|bank_account, personalId, …the new values }',
  },
  'cli.help.ansinh.data-update.file.--by': { vi: 'người gửi', en: 'who files' },
  'cli.help.ansinh.data-update.confirm': {
    vi: 'xác nhận thay đổi liên lạc bằng mã: địa chỉ hoặc số mới có hiệu lực ngay',
    en: 'confirm a contact change with its code: the new address or number applies at once',
  },
  'cli.help.ansinh.data-update.confirm.<code>': { vi: 'sáu chữ số đã gửi qua thư', en: 'the six digits e-mailed' },
  'cli.help.ansinh.data-update.confirm.--by': { vi: 'người xác nhận', en: 'who confirms' },
  'cli.help.ansinh.data-update.evidence': {
    vi: 'đính kèm tài liệu vào yêu cầu đang xem xét (yêu cầu đang chờ bổ sung được xem xét tiếp)',
    en: 'attach a document to a request under review (a review paused for more evidence resumes)',
  },
  'cli.help.ansinh.data-update.evidence.<file>': {
    vi: 'tệp PDF, JPEG hoặc PNG, tối đa 5 MiB',
    en: 'a PDF, JPEG or PNG of at most 5 MiB',
  },
  'cli.help.ansinh.data-update.evidence.--by': { vi: 'người tải lên', en: 'who uploads' },
  'cli.help.ansinh.data-update.show': {
    vi: 'một yêu cầu: nội dung, tình trạng, thời hạn và tài liệu',
    en: 'a request: what it asks, where it stands, its deadline and its evidence',
  },
  'cli.help.ansinh.data-update.decide': {
    vi: 'quyết định của cán bộ: chấp thuận, không chấp thuận có lý do, hoặc yêu cầu bổ sung tài liệu',
    en: "the officer's decision: approve, reject with a reason, or ask for more evidence",
  },
  'cli.help.ansinh.data-update.decide.--approve': {
    vi: 'chấp thuận: cơ sở dữ liệu và sổ điện tử thay đổi',
    en: 'approve: the database and the e-book change',
  },
  'cli.help.ansinh.data-update.decide.--reject': {
    vi: 'không chấp thuận (kèm --reason)',
    en: 'reject (with --reason)',
  },
  'cli.help.ansinh.data-update.decide.--more-evidence': {
    vi: 'yêu cầu bổ sung tài liệu (kèm --reason): thời hạn tạm dừng',
    en: 'ask for more evidence (with --reason): the deadline pauses',
  },
  'cli.help.ansinh.data-update.decide.--reason': {
    vi: 'lý do, hoặc tài liệu còn thiếu',
    en: 'the reason, or the evidence still missing',
  },
  'cli.help.ansinh.data-update.decide.--officer': { vi: 'cán bộ ra quyết định', en: 'deciding officer' },

  // ——— the e-book PDF's correction line ———
  'doc.ebook.corrected': { vi: 'Đã điều chỉnh', en: 'Corrected' },
  'doc.ebook.correction': { vi: '{field} ngày {date}', en: '{field} on {date}' },

  // ——— the work queue's kinds ———
  'officer.kind.data_update.review': { vi: 'Xem xét yêu cầu thay đổi thông tin', en: 'Data-update request to review' },
  'officer.kind.data_update.evidence': {
    vi: 'Người tham gia bổ sung tài liệu',
    en: 'Participant to add evidence',
  },

  // ——— the console ———
  'dataUpdate.title': { vi: 'Thay đổi thông tin', en: 'Change my data' },
  'dataUpdate.request': { vi: 'Yêu cầu số {id}', en: 'Request {id}' },
  'dataUpdate.kind': { vi: 'Loại thay đổi', en: 'What to change' },
  'dataUpdate.kind.email': { vi: 'Địa chỉ thư điện tử', en: 'E-mail address' },
  'dataUpdate.kind.phone': { vi: 'Số điện thoại', en: 'Phone number' },
  'dataUpdate.kind.bank_account': { vi: 'Tài khoản ngân hàng', en: 'Bank account' },
  'dataUpdate.kind.identity': { vi: 'Họ tên, ngày sinh, giới tính', en: 'Name, date of birth, gender' },
  'dataUpdate.kind.nationality': { vi: 'Quốc tịch', en: 'Nationality' },
  'dataUpdate.field.email': { vi: 'Thư điện tử mới', en: 'New e-mail address' },
  'dataUpdate.field.phone': { vi: 'Số điện thoại mới', en: 'New phone number' },
  'dataUpdate.field.fullName': { vi: 'Họ và tên', en: 'Full name' },
  'dataUpdate.field.dateOfBirth': { vi: 'Ngày sinh', en: 'Date of birth' },
  'dataUpdate.field.gender': { vi: 'Giới tính', en: 'Gender' },
  'dataUpdate.field.nationality': { vi: 'Quốc tịch (mã 2 chữ cái)', en: 'Nationality (2-letter code)' },
  'dataUpdate.field.bankCode': { vi: 'Mã ngân hàng', en: 'Bank code' },
  'dataUpdate.field.accountNumber': { vi: 'Số tài khoản', en: 'Account number' },
  'dataUpdate.field.accountHolder': { vi: 'Chủ tài khoản', en: 'Account holder' },
  'dataUpdate.gender.male': { vi: 'Nam', en: 'Male' },
  'dataUpdate.gender.female': { vi: 'Nữ', en: 'Female' },
  'dataUpdate.submit': { vi: 'Gửi yêu cầu', en: 'Send the request' },
  'dataUpdate.phoneBySms': {
    vi: 'Mã xác nhận số điện thoại mới được gửi bằng tin nhắn SMS đến chính số đó.',
    en: 'The code confirming a new phone number is sent by SMS to that number.',
  },
  'dataUpdate.mine': { vi: 'Các yêu cầu của tôi', en: 'My requests' },
  'dataUpdate.none': { vi: 'Chưa có yêu cầu nào.', en: 'No requests yet.' },
  'dataUpdate.status': { vi: 'Tình trạng', en: 'Status' },
  'dataUpdate.status.awaiting_code': { vi: 'Chờ mã xác nhận', en: 'Waiting for the code' },
  'dataUpdate.status.awaiting_review': { vi: 'Đang xem xét', en: 'Under review' },
  'dataUpdate.status.more_evidence': { vi: 'Cần bổ sung tài liệu', en: 'More evidence needed' },
  'dataUpdate.status.approved': { vi: 'Đã chấp thuận', en: 'Approved' },
  'dataUpdate.status.rejected': { vi: 'Không chấp thuận', en: 'Rejected' },
  'dataUpdate.status.cancelled': { vi: 'Đã hủy', en: 'Cancelled' },
  'dataUpdate.filedOn': { vi: 'Ngày gửi', en: 'Filed on' },
  'dataUpdate.dueDate': { vi: 'Hạn xem xét', en: 'Review deadline' },
  'dataUpdate.daysLeft': { vi: 'Còn {n} ngày làm việc', en: '{n} working days left' },
  'dataUpdate.overdue': { vi: 'Quá hạn', en: 'Overdue' },
  'dataUpdate.escalated': { vi: 'Đã chuyển lãnh đạo', en: 'Escalated' },
  'dataUpdate.decidedOn': { vi: 'Ngày quyết định', en: 'Decided on' },
  'dataUpdate.reason': { vi: 'Lý do', en: 'Reason' },
  'dataUpdate.requested': { vi: 'Nội dung đề nghị', en: 'What is asked' },
  'dataUpdate.notApplied': {
    vi: 'Đã chấp thuận; tài khoản sẽ được ghi nhận khi bước xác minh tài khoản ngân hàng hoạt động.',
    en: 'Approved; the account is recorded once the bank-account verification is in place.',
  },
  'dataUpdate.code': { vi: 'Mã xác nhận (6 chữ số)', en: 'Confirmation code (6 digits)' },
  'dataUpdate.confirm': { vi: 'Xác nhận', en: 'Confirm' },
  'dataUpdate.codeSent': {
    vi: 'Mã xác nhận đã được gửi qua thư điện tử; mã có hiệu lực 10 phút.',
    en: 'A confirmation code was sent by e-mail; it is valid for 10 minutes.',
  },
  'dataUpdate.evidence': { vi: 'Tài liệu chứng minh', en: 'Evidence' },
  'dataUpdate.evidenceNone': { vi: 'Chưa có tài liệu.', en: 'No documents yet.' },
  'dataUpdate.upload': {
    vi: 'Tải tài liệu lên (PDF, JPEG, PNG, tối đa 5 MiB)',
    en: 'Upload a document (PDF, JPEG, PNG, at most 5 MiB)',
  },
  'dataUpdate.uploadSubmit': { vi: 'Tải lên', en: 'Upload' },
  'dataUpdate.review': { vi: 'Xem xét yêu cầu', en: 'Review the request' },
  'dataUpdate.participant': { vi: 'Người tham gia', en: 'Participant' },
  'dataUpdate.current': { vi: 'Thông tin hiện tại', en: 'On record now' },
  'dataUpdate.decision': { vi: 'Quyết định', en: 'Decision' },
  'dataUpdate.decision.approve': { vi: 'Chấp thuận', en: 'Approve' },
  'dataUpdate.decision.reject': { vi: 'Không chấp thuận', en: 'Reject' },
  'dataUpdate.decision.more_evidence': { vi: 'Yêu cầu bổ sung tài liệu', en: 'Ask for more evidence' },
  'dataUpdate.decisionReason': {
    vi: 'Lý do (bắt buộc khi không chấp thuận hoặc yêu cầu bổ sung)',
    en: 'Reason (required to reject or to ask for more evidence)',
  },
  'dataUpdate.decide': { vi: 'Ghi quyết định', en: 'Record the decision' },
  'dataUpdate.open': { vi: 'Mở', en: 'Open' },
});
