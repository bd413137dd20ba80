/** Notices (the outbox, delivered by the relay): each kind's subject and body, and the inbox page. */
import { section } from './entry';

export const notices = section({
  'notice.claim.approved.subject': {
    vi: 'Quyết định hưởng trợ cấp thất nghiệp: chấp thuận',
    en: 'Unemployment benefit decision: approved',
  },
  'notice.claim.approved.body': {
    vi: 'Hồ sơ hưởng trợ cấp thất nghiệp {claimId} đã được chấp thuận ngày {decidedOn}.',
    en: 'Your unemployment benefit claim {claimId} was approved on {decidedOn}.',
  },
  'notice.claim.rejected.subject': {
    vi: 'Quyết định hưởng trợ cấp thất nghiệp: không chấp thuận',
    en: 'Unemployment benefit decision: rejected',
  },
  'notice.claim.rejected.body': {
    vi: 'Hồ sơ {claimId} không được chấp thuận (ngày {decidedOn}). Bạn có quyền khiếu nại quyết định này.',
    en: 'Your claim {claimId} was rejected on {decidedOn}. You have the right to appeal this decision.',
  },
  'notice.claim.payment.subject': {
    vi: 'Chi trả trợ cấp thất nghiệp tháng {month}',
    en: 'Benefit payment, month {month}',
  },
  'notice.claim.payment.body': {
    vi: 'Trợ cấp tháng thứ {month} của hồ sơ {claimId}: {amount}, chi trả ngày {paidOn}.',
    en: 'Benefit month {month} of claim {claimId}: {amount}, paid on {paidOn}.',
  },
  'notice.claim.payment_returned.subject': {
    vi: 'Ngân hàng trả lại trợ cấp thất nghiệp tháng {month}',
    en: 'Benefit payment returned by the bank, month {month}',
  },
  'notice.claim.payment_returned.body': {
    vi: 'Ngân hàng không chuyển được trợ cấp tháng thứ {month} của hồ sơ {claimId} vào tài khoản của bạn (mã lý do {reason}, ngày {returnedOn}). Vui lòng cung cấp tài khoản khác; khoản trợ cấp sẽ được chi trả lại sau khi tài khoản mới được xác minh.',
    en: 'The bank could not credit benefit month {month} of claim {claimId} to your account (reason code {reason}, on {returnedOn}). Please give another account; the benefit is paid again once the new account is verified.',
  },
  'notice.claim.suspended.subject': { vi: 'Tạm dừng hưởng trợ cấp thất nghiệp', en: 'Unemployment benefit suspended' },
  'notice.claim.suspended.body': {
    vi: 'Trợ cấp tháng thứ {month} của hồ sơ {claimId} bị tạm dừng vì chưa thông báo tìm kiếm việc làm.',
    en: 'Benefit month {month} of claim {claimId} is suspended: the job-search report was not made.',
  },
  'notice.claim.terminated.subject': {
    vi: 'Chấm dứt hưởng trợ cấp thất nghiệp',
    en: 'Unemployment benefit terminated',
  },
  'notice.claim.terminated.body': {
    vi: 'Hồ sơ {claimId} chấm dứt hưởng từ ngày {effectiveDate}. Số tháng được bảo lưu: {reservedMonths}.',
    en: 'Claim {claimId} ends on {effectiveDate}. Months reserved: {reservedMonths}.',
  },
  'notice.claim.completed.subject': { vi: 'Kết thúc hưởng trợ cấp thất nghiệp', en: 'Unemployment benefit completed' },
  'notice.claim.completed.body': {
    vi: 'Hồ sơ {claimId} đã kết thúc: {monthsPaid} tháng đã chi trả, {monthsSuspended} tháng tạm dừng.',
    en: 'Claim {claimId} is complete: {monthsPaid} months paid, {monthsSuspended} suspended.',
  },
  'notice.coverage.ui_card_issued.subject': {
    vi: 'Thẻ bảo hiểm y tế trong thời gian hưởng trợ cấp',
    en: 'Health insurance card while on benefit',
  },
  'notice.coverage.ui_card_issued.body': {
    vi: 'Thẻ bảo hiểm y tế của bạn có giá trị từ {validFrom} đến {validTo}.',
    en: 'Your health insurance card is valid from {validFrom} to {validTo}.',
  },
  'notice.coverage.ui_card_ended.subject': { vi: 'Thẻ bảo hiểm y tế hết giá trị', en: 'Health insurance card ended' },
  'notice.coverage.ui_card_ended.body': {
    vi: 'Thẻ bảo hiểm y tế cấp trong thời gian hưởng trợ cấp hết giá trị sau ngày {lastDay}.',
    en: 'The health insurance card issued with your benefit ends after {lastDay}.',
  },
  // An officer's decision about the HI card (services/hi-card-locks.ts; HI Law Art.20, Decree 188/2025 Art.12)
  'notice.hi_card.locked.subject': {
    vi: 'Thẻ bảo hiểm y tế của Ông/Bà bị tạm khóa',
    en: 'Your health insurance card is temporarily locked',
  },
  'notice.hi_card.locked.body': {
    vi: 'Theo quyết định số {reference}, thẻ bảo hiểm y tế {cards} của Ông/Bà bị {lockKind} từ ngày {effectiveFrom}. Lý do: {ground}. Căn cứ: {basis}. Từ ngày đó, thẻ không dùng được để khám bệnh, chữa bệnh bảo hiểm y tế. Thẻ được mở khóa sau khi Ông/Bà nộp xong tiền phạt; khi đã nộp, Ông/Bà liên hệ cơ quan bảo hiểm xã hội nơi tham gia bảo hiểm y tế. {appeal}',
    en: 'By decision {reference}, your health insurance card {cards} is {lockKind} from {effectiveFrom}. Ground: {ground}. Legal basis: {basis}. From that day the card cannot be used for care paid by health insurance. The card is unlocked once the fine has been paid; when you have paid it, contact the social insurance office where you take part in health insurance. {appeal}',
  },
  'notice.hi_card.withdrawn.subject': {
    vi: 'Thẻ bảo hiểm y tế của Ông/Bà bị thu hồi',
    en: 'Your health insurance card is withdrawn',
  },
  'notice.hi_card.withdrawn.body': {
    vi: 'Theo quyết định số {reference}, thẻ bảo hiểm y tế {cards} của Ông/Bà bị {lockKind} từ ngày {effectiveFrom}. Lý do: {ground}. Căn cứ: {basis}. Từ ngày đó, thẻ không còn giá trị sử dụng và không được mở lại. Nếu Ông/Bà vẫn thuộc đối tượng tham gia bảo hiểm y tế, Ông/Bà liên hệ cơ quan bảo hiểm xã hội nơi tham gia để được cấp thẻ mới. {appeal}',
    en: 'By decision {reference}, your health insurance card {cards} is {lockKind} from {effectiveFrom}. Ground: {ground}. Legal basis: {basis}. From that day the card is no longer valid and is not given back. If you still take part in health insurance, contact the social insurance office where you take part to be issued a new card. {appeal}',
  },
  'notice.hi_card.lock_lifted.subject': {
    vi: 'Thẻ bảo hiểm y tế của Ông/Bà được mở khóa',
    en: 'Your health insurance card is unlocked',
  },
  'notice.hi_card.lock_lifted.body': {
    vi: 'Thẻ bảo hiểm y tế {cards} của Ông/Bà, bị tạm khóa từ ngày {effectiveFrom} theo quyết định số {reference}, được mở khóa từ ngày {liftedOn}: từ ngày đó thẻ lại dùng được để khám bệnh, chữa bệnh bảo hiểm y tế. Căn cứ: {basis}. Nếu cơ sở khám bệnh, chữa bệnh vẫn không nhận thẻ, Ông/Bà liên hệ cơ quan bảo hiểm xã hội nơi tham gia bảo hiểm y tế.',
    en: 'Your health insurance card {cards}, locked from {effectiveFrom} by decision {reference}, is unlocked from {liftedOn}: from that day it can be used again for care paid by health insurance. Legal basis: {basis}. If a healthcare facility still refuses the card, contact the social insurance office where you take part in health insurance.',
  },
  /** The right to complain about a lock or a withdrawal (Law 02/2011 Art.9), filled by services/notices.ts. */
  'notice.hi_card.appeal': {
    vi: 'Nếu không đồng ý, Ông/Bà có quyền khiếu nại trong {days} ngày kể từ ngày nhận thông báo này, tức là đến ngày {deadline} ({basis}).',
    en: 'If you disagree, you may lodge a complaint within {days} days of receiving this notice, that is by {deadline} ({basis}).',
  },
  'notice.contributions.month_unpaid.subject': {
    vi: 'Đơn vị chưa đóng bảo hiểm tháng {period}',
    en: 'Your employer has not paid contributions for {period}',
  },
  'notice.contributions.month_unpaid.body': {
    vi: 'Đơn vị (mã số thuế {employerTaxCode}) đã kê khai nhưng chưa đóng bảo hiểm xã hội tháng {period} của bạn.',
    en: 'Your employer (tax code {employerTaxCode}) declared but has not paid your contributions for {period}.',
  },
  'notice.contributions.arrears.subject': {
    vi: 'Thông báo nợ đóng bảo hiểm kỳ {period}',
    en: 'Contribution arrears for {period}',
  },
  'notice.contributions.arrears.body': {
    vi: 'Số tiền còn nợ kỳ {period}: {outstanding}; tiền chậm đóng đến ngày {asOf}: {lateCharge}. Hạn đóng: {deadline}.',
    en: 'Outstanding for {period}: {outstanding}; late charge to {asOf}: {lateCharge}. Deadline: {deadline}.',
  },
  'notice.ebook.email.subject': {
    vi: 'Sổ bảo hiểm xã hội điện tử của bạn (phiên bản {version})',
    en: 'Your electronic social insurance book (version {version})',
  },
  'notice.ebook.email.body': {
    vi: 'Sổ bảo hiểm xã hội điện tử phiên bản {version}, mã băm {sha256}. Chữ ký số đi kèm để kiểm tra.',
    en: 'Your e-book, version {version}, hash {sha256}. The digital signature is attached for verification.',
  },
  'notice.employment.declared.subject': {
    vi: 'Đơn vị đã khai báo bạn tham gia bảo hiểm',
    en: 'An employer declared your employment',
  },
  'notice.employment.declared.body': {
    vi: 'Đơn vị (mã số thuế {employerTaxCode}, mã đơn vị {unitCode}) đã khai báo bạn làm việc từ tháng {startMonth}.',
    en: 'The employer (tax code {employerTaxCode}, unit {unitCode}) declared your employment from {startMonth}.',
  },
  'notice.onboarding.completed.subject': { vi: 'Đăng ký tham gia bảo hiểm hoàn tất', en: 'Onboarding completed' },
  'notice.onboarding.completed.body': {
    vi: 'Hồ sơ {requestId} đã hoàn tất: mã đơn vị {unitCode}, {employeesOnboarded} người lao động.',
    en: 'Dossier {requestId} is complete: unit code {unitCode}, {employeesOnboarded} employees.',
  },
  'notice.onboarding.rejected.subject': { vi: 'Hồ sơ đăng ký bị từ chối', en: 'Onboarding rejected' },
  'notice.onboarding.rejected.body': {
    vi: 'Hồ sơ {requestId} bị từ chối. Lý do: {reason}.',
    en: 'Dossier {requestId} was rejected. Reason: {reason}.',
  },
  'notice.onboarding.rejected.automatic_reason': {
    vi: 'không có quyết định trong vòng {days} ngày kể từ ngày đăng ký',
    en: 'no decision within {days} days of registration',
  },
  'notice.onboarding.decision_overdue.subject': {
    vi: 'Hồ sơ đăng ký quá hạn xét duyệt',
    en: 'Onboarding decision overdue',
  },
  'notice.onboarding.decision_overdue.body': {
    vi: 'Hồ sơ {requestId} (mã số thuế {taxCode}) chưa được xét duyệt; hạn {deadline}.',
    en: 'Dossier {requestId} (tax code {taxCode}) awaits a decision; deadline {deadline}.',
  },
  'notice.claim.awaiting_decision.subject': { vi: 'Hồ sơ chờ quyết định', en: 'Claim awaiting decision' },
  'notice.claim.awaiting_decision.body': {
    vi: 'Hồ sơ {claimId} chờ quyết định; hạn {decisionDeadline}.',
    en: 'Claim {claimId} awaits a decision; deadline {decisionDeadline}.',
  },
  'notice.claim.decision_reminder.subject': {
    vi: 'Nhắc: hồ sơ sắp hết hạn quyết định',
    en: 'Reminder: decision due soon',
  },
  'notice.claim.decision_reminder.body': {
    vi: 'Hồ sơ {claimId} cần quyết định trước {deadline}.',
    en: 'Claim {claimId} needs a decision by {deadline}.',
  },
  'notice.claim.decision_escalation.subject': {
    vi: 'Chuyển cấp: hồ sơ chưa có quyết định',
    en: 'Escalation: claim undecided',
  },
  'notice.claim.decision_escalation.body': {
    vi: 'Hồ sơ {claimId} chưa có quyết định; hạn {deadline}.',
    en: 'Claim {claimId} is undecided; deadline {deadline}.',
  },
  'notice.claim.decision_overdue.subject': { vi: 'Quá hạn: hồ sơ chưa có quyết định', en: 'Overdue: claim undecided' },
  'notice.claim.decision_overdue.body': {
    vi: 'Hồ sơ {claimId} đã quá hạn quyết định ({deadline}).',
    en: 'Claim {claimId} is past its decision deadline ({deadline}).',
  },
  'notice.generic.subject': { vi: 'Thông báo từ Ansinh', en: 'A notice from Ansinh' },
  'notice.generic.body': { vi: 'Bạn có một thông báo mới ({kind}).', en: 'You have a new notice ({kind}).' },
  'notice.footer': {
    vi: 'Thư này được gửi tự động từ hệ thống bảo hiểm xã hội điện tử Ansinh. Vui lòng không trả lời.',
    en: 'This message was sent automatically by the Ansinh electronic social insurance system. Please do not reply.',
  },
  'notices.title': { vi: 'Thông báo của tôi', en: 'My notices' },
  'notices.intro': {
    vi: 'Mọi thông báo gửi cho bạn và trạng thái gửi của từng thông báo.',
    en: 'Every notice sent to you and the delivery status of each.',
  },
  'notices.empty': { vi: 'Chưa có thông báo nào.', en: 'No notices yet.' },
  'notices.col.date': { vi: 'Ngày', en: 'Date' },
  'notices.col.subject': { vi: 'Nội dung', en: 'Subject' },
  'notices.col.status': { vi: 'Trạng thái', en: 'Status' },
  'notices.col.via': { vi: 'Hình thức', en: 'Delivered by' },
  'notices.status.queued': { vi: 'Đang chờ gửi', en: 'Queued' },
  'notices.status.sending': { vi: 'Đang gửi', en: 'Sending' },
  'notices.status.sent': { vi: 'Đã gửi', en: 'Sent' },
  'notices.status.failed': { vi: 'Gửi lỗi, sẽ thử lại', en: 'Failed, will retry' },
  'notices.status.dead': { vi: 'Không gửi được', en: 'Undeliverable' },
  'notices.via.smtp': { vi: 'Thư điện tử', en: 'E-mail' },
  'notices.via.sms': { vi: 'Tin nhắn SMS', en: 'SMS' },
  'notices.via.inbox': { vi: 'Hộp thư trong ứng dụng', en: 'In-app inbox' },
  'notices.via.none': { vi: '—', en: '—' },
  'notices.more': { vi: 'Xem thêm', en: 'More' },
  'nav.me.notices': { vi: 'Thông báo', en: 'Notices' },
});
