/**
 * FHIR R4 for healthcare facilities and the HI card locks (issue 15): the words of the FHIR answers
 * (displays, dispositions, the CapabilityStatement) and the refusals of the /fhir routes and of an
 * officer's card lock; a lock's kind and ground in words.
 */
import { section } from './entry';

export const fhir = section({
  'fhir.covered': { vi: 'Có bảo hiểm y tế vào ngày {date}.', en: 'Covered by health insurance on {date}.' },
  'fhir.reason.not_yet_valid': { vi: 'Thẻ chưa đến hạn sử dụng', en: 'Card not valid yet' },
  'fhir.reason.expired': { vi: 'Thẻ đã hết hạn', en: 'Card expired' },
  'fhir.reason.ended': { vi: 'Không còn tham gia BHYT theo thẻ', en: 'Coverage ended' },
  'fhir.reason.no_card': { vi: 'Không có thẻ BHYT', en: 'No HI card' },
  'fhir.reason.suspended': { vi: 'Thẻ bị tạm khóa hoặc thu hồi', en: 'Card locked or withdrawn' },
  'fhir.benefit.category': { vi: 'Khám bệnh, chữa bệnh', en: 'Medical care' },
  'fhir.benefit.level': { vi: 'Mức hưởng BHYT (%)', en: 'HI benefit level (%)' },
  'fhir.benefit.copay': { vi: 'Tỷ lệ cùng chi trả (%)', en: 'Co-payment (%)' },
  'fhir.network.in': {
    vi: 'Đúng nơi đăng ký KCB ban đầu',
    en: 'The registered initial facility',
  },
  'fhir.network.out': {
    vi: 'Không phải nơi đăng ký KCB ban đầu',
    en: 'Not the registered initial facility',
  },
  'fhir.insurer': { vi: 'Bảo hiểm xã hội Việt Nam', en: 'Vietnam Social Security' },
  'fhir.capability.description': {
    vi: 'Ansinh: kiểm tra thẻ bảo hiểm y tế cho cơ sở khám bệnh, chữa bệnh (FHIR R4)',
    en: 'Ansinh: health-insurance coverage checks for healthcare facilities (FHIR R4)',
  },
  'fhir.capability.rest': {
    vi: 'Đọc và tìm thẻ BHYT (Coverage) và hỏi quyền lợi (CoverageEligibilityRequest). Lỗi trả về OperationOutcome.',
    en: 'Read and search HI cards (Coverage) and ask eligibility (CoverageEligibilityRequest). Errors are OperationOutcome.',
  },
  'fhir.capability.security': {
    vi: 'Bearer JWT của cơ sở khám bệnh, chữa bệnh (vai trò facility).',
    en: "A healthcare facility's bearer JWT (the facility role).",
  },
  'fhir.capability.eligibility': {
    vi: 'Trả về CoverageEligibilityResponse; không lưu yêu cầu.',
    en: 'Answers a CoverageEligibilityResponse; the request is not stored.',
  },

  // The /fhir routes' refusals
  'problem.IDENTIFIER_SYSTEM_REQUIRED.title': { vi: 'Thiếu hệ định danh', en: 'Identifier system required' },
  'problem.IDENTIFIER_SYSTEM_REQUIRED': {
    vi: 'Định danh phải có dạng <hệ định danh>|<giá trị>.',
    en: 'An identifier is written <system>|<value>.',
  },
  'problem.IDENTIFIER_SYSTEM_UNKNOWN.title': { vi: 'Hệ định danh không được hỗ trợ', en: 'Unknown identifier system' },
  'problem.IDENTIFIER_SYSTEM_UNKNOWN': {
    vi: 'Hệ định danh này không dùng được cho tham số này (xem CapabilityStatement tại /fhir/metadata).',
    en: 'This identifier system is not one this parameter takes (see the CapabilityStatement at /fhir/metadata).',
  },
  'problem.SEARCH_PARAMETER_REQUIRED.title': { vi: 'Thiếu tham số tìm kiếm', en: 'Search parameter required' },
  'problem.SEARCH_PARAMETER_REQUIRED': {
    vi: 'Cần đúng một trong hai tham số beneficiary.identifier hoặc identifier.',
    en: 'Give exactly one of beneficiary.identifier or identifier.',
  },
  'problem.DATE_PREFIX_NOT_SUPPORTED.title': { vi: 'Tiền tố ngày không được hỗ trợ', en: 'Date prefix not supported' },
  'problem.DATE_PREFIX_NOT_SUPPORTED': {
    vi: 'Tham số date là một ngày YYYY-MM-DD, có thể kèm tiền tố eq.',
    en: 'The date parameter is one day, YYYY-MM-DD, with at most the eq prefix.',
  },
  'problem.PATIENT_IDENTIFIER_REQUIRED.title': { vi: 'Thiếu định danh người bệnh', en: 'Patient identifier required' },
  'problem.PATIENT_IDENTIFIER_REQUIRED': {
    vi: 'Yêu cầu phải nêu patient.identifier (số định danh hoặc mã số BHXH) hoặc mã thẻ trong insurance.coverage.identifier.',
    en: 'The request names patient.identifier (personal ID or SI number) or the card code in insurance.coverage.identifier.',
  },
  'problem.SERVICED_PERIOD_NOT_SUPPORTED.title': {
    vi: 'Không hỗ trợ khoảng thời gian',
    en: 'Serviced period not supported',
  },
  'problem.SERVICED_PERIOD_NOT_SUPPORTED': {
    vi: 'Hãy hỏi cho một ngày (servicedDate).',
    en: 'Ask about one day (servicedDate).',
  },
  'problem.INVALID_RESOURCE_TYPE.title': { vi: 'Sai loại tài nguyên', en: 'Wrong resource type' },
  'problem.INVALID_RESOURCE_TYPE': {
    vi: 'Nội dung gửi phải là một CoverageEligibilityRequest.',
    en: 'The body is a CoverageEligibilityRequest.',
  },
  'problem.FORMAT_NOT_SUPPORTED.title': { vi: 'Định dạng không được hỗ trợ', en: 'Format not supported' },
  'problem.FORMAT_NOT_SUPPORTED': {
    vi: 'Máy chủ chỉ trả lời application/fhir+json.',
    en: 'This server answers application/fhir+json only.',
  },

  // A lock or withdrawal of an HI card in words (the participant's notices, the e-book PDF, the console)
  'hiCardLock.kind.locked': { vi: 'tạm khóa', en: 'temporarily locked' },
  'hiCardLock.kind.withdrawn': { vi: 'thu hồi', en: 'withdrawn' },
  'hiCardLock.ground.used_by_another': { vi: 'thẻ bị người khác sử dụng', en: 'the card was used by someone else' },
  'hiCardLock.ground.lent': { vi: 'cho người khác mượn thẻ', en: 'the card was lent to someone else' },
  'hiCardLock.ground.fraud': { vi: 'gian lận trong việc cấp thẻ', en: 'fraud in the issue of the card' },
  'hiCardLock.line.locked': {
    vi: 'Tạm khóa từ ngày {from} (lý do: {ground}); {state}.',
    en: 'Temporarily locked from {from} (ground: {ground}); {state}.',
  },
  'hiCardLock.line.withdrawn': {
    vi: 'Thu hồi từ ngày {from} (lý do: {ground}).',
    en: 'Withdrawn from {from} (ground: {ground}).',
  },
  'hiCardLock.state.lifted': { vi: 'mở khóa từ ngày {date}', en: 'unlocked from {date}' },
  'hiCardLock.state.inEffect': { vi: 'đang có hiệu lực', en: 'still in effect' },

  // An officer's lock or withdrawal of an HI card
  'problem.NO_CARD_IN_FORCE.title': { vi: 'Không có thẻ còn giá trị', en: 'No card in force' },
  'problem.NO_CARD_IN_FORCE': {
    vi: 'Người này không có thẻ BHYT còn giá trị vào ngày đó.',
    en: 'This person holds no HI card in force on that day.',
  },
  'problem.HI_CARD_ALREADY_LOCKED.title': { vi: 'Thẻ đã bị khóa', en: 'Card already locked' },
  'problem.HI_CARD_ALREADY_LOCKED': {
    vi: 'Thẻ đã bị tạm khóa hoặc thu hồi theo một quyết định khác.',
    en: 'The card is already locked or withdrawn by another decision.',
  },
  'problem.HI_CARD_LOCK_REFERENCE_CONFLICT.title': {
    vi: 'Số quyết định đã dùng',
    en: 'Decision reference already used',
  },
  'problem.HI_CARD_LOCK_REFERENCE_CONFLICT': {
    vi: 'Số quyết định này đã ghi cho một quyết định khác về thẻ của người này.',
    en: "This reference already names another decision about this person's card.",
  },
  'problem.HI_CARD_LOCK_NOT_FOUND.title': { vi: 'Không tìm thấy quyết định khóa thẻ', en: 'Card lock not found' },
  'problem.HI_CARD_LOCK_NOT_FOUND': {
    vi: 'Không có quyết định khóa thẻ nào với số này cho người này.',
    en: 'There is no card lock with this reference for this person.',
  },
  'problem.LOCK_NOT_LIFTABLE.title': { vi: 'Không mở khóa được', en: 'Cannot be lifted' },
  'problem.LOCK_NOT_LIFTABLE': {
    vi: 'Thẻ đã bị thu hồi thì không mở lại; người tham gia được cấp thẻ mới.',
    en: 'A withdrawn card is not given back; the participant is issued a new one.',
  },
  'problem.LOCK_ALREADY_LIFTED.title': { vi: 'Đã mở khóa', en: 'Already lifted' },
  'problem.LOCK_ALREADY_LIFTED': {
    vi: 'Thẻ đã được mở khóa vào một ngày khác.',
    en: 'The lock was already lifted on another day.',
  },
  'problem.LOCK_GROUND_MISMATCH.title': { vi: 'Lý do không phù hợp', en: 'Ground does not fit' },
  'problem.LOCK_GROUND_MISMATCH': {
    vi: 'Tạm khóa thẻ khi cho mượn hoặc dùng thẻ của người khác; thu hồi thẻ khi gian lận.',
    en: "A card is locked when lent or when someone used another's card, withdrawn for fraud.",
  },
  'problem.LIFT_BEFORE_LOCK.title': { vi: 'Ngày mở khóa không hợp lệ', en: 'Lifted before the lock' },
  'problem.LIFT_BEFORE_LOCK': {
    vi: 'Ngày mở khóa phải sau ngày bắt đầu khóa thẻ.',
    en: 'A lock is lifted on a day after it took effect.',
  },
  'problem.INVALID_LOCK_KIND.title': { vi: 'Loại khóa thẻ không hợp lệ', en: 'Invalid lock kind' },
  'problem.INVALID_LOCK_KIND': {
    vi: 'Chọn tạm khóa (locked) hoặc thu hồi (withdrawn).',
    en: 'Choose locked or withdrawn.',
  },
  'problem.INVALID_LOCK_GROUND.title': { vi: 'Lý do khóa thẻ không hợp lệ', en: 'Invalid lock ground' },
  'problem.INVALID_LOCK_GROUND': {
    vi: 'Lý do là used_by_another, lent hoặc fraud.',
    en: 'The ground is used_by_another, lent or fraud.',
  },
});
