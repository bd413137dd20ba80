/** The healthcare facility's page: one field, one large answer (issue #12). */
import { section } from './entry';

export const facility = section({
  'nav.facility.check': { vi: 'Kiểm tra thẻ BHYT', en: 'Check HI coverage' },
  'facility.title': { vi: 'Kiểm tra thẻ bảo hiểm y tế', en: 'Check health-insurance coverage' },
  'facility.intro': {
    vi: 'Nhập mã thẻ BHYT hoặc số định danh cá nhân của người bệnh. Không cần thẻ giấy.',
    en: "Enter the patient's HI card code or personal ID. No paper card is needed.",
  },
  'facility.field': { vi: 'Mã thẻ BHYT hoặc số định danh cá nhân', en: 'HI card code or personal ID' },
  'facility.fieldHint': {
    vi: 'Mã thẻ: 15 ký tự (ví dụ DN4790123456789). Số định danh: 12 chữ số.',
    en: 'Card code: 15 characters (e.g. DN4790123456789). Personal ID: 12 digits.',
  },
  'facility.submit': { vi: 'Kiểm tra', en: 'Check' },
  'facility.badInput': {
    vi: 'Không đúng định dạng: mã thẻ gồm 2 chữ cái và 13 chữ số, số định danh gồm 12 chữ số.',
    en: 'Not a valid entry: a card code is 2 letters and 13 digits, a personal ID 12 digits.',
  },
  'facility.unknown': {
    vi: 'Không tìm thấy người tham gia hoặc thẻ này trong cơ sở dữ liệu quốc gia.',
    en: 'No participant or card with this code in the national database.',
  },
  'facility.answer': { vi: 'Kết quả kiểm tra', en: 'Result' },
  'facility.covered': { vi: 'CÓ BẢO HIỂM Y TẾ', en: 'COVERED' },
  'facility.notCovered': { vi: 'KHÔNG CÓ BẢO HIỂM Y TẾ', en: 'NOT COVERED' },
  'facility.onDate': { vi: 'Ngày kiểm tra: {date}', en: 'On {date}' },
  'facility.reason.not_yet_valid': {
    vi: 'Thẻ chưa đến hạn sử dụng: có giá trị từ ngày {since}.',
    en: 'The card is not valid yet: it is valid from {since}.',
  },
  'facility.reason.expired': {
    vi: 'Thẻ đã hết hạn sử dụng vào ngày {since}.',
    en: 'The card expired on {since}.',
  },
  'facility.reason.ended': {
    vi: 'Thẻ đã hết giá trị sử dụng từ sau ngày {since} vì người này không còn tham gia bảo hiểm y tế theo thẻ đó (ví dụ đã nghỉ việc).',
    en: 'The card stopped after {since}: this person no longer takes part in HI under it (for example, they left the job).',
  },
  'facility.reason.suspended': {
    vi: 'Thẻ bị tạm khóa giá trị sử dụng từ ngày {since}.',
    en: 'The card has been locked since {since}.',
  },
  'facility.reason.withdrawn': {
    vi: 'Thẻ đã bị thu hồi từ ngày {since}.',
    en: 'The card was withdrawn on {since}.',
  },
  'facility.reason.no_card': {
    vi: 'Người này không có thẻ bảo hiểm y tế.',
    en: 'This person holds no health-insurance card.',
  },
  'facility.holder': { vi: 'Người được kiểm tra', en: 'Person' },
  'facility.name': { vi: 'Họ và tên', en: 'Full name' },
  'facility.dob': { vi: 'Ngày sinh', en: 'Date of birth' },
  'facility.card': { vi: 'Mã thẻ', en: 'Card code' },
  'facility.benefit': { vi: 'Mức hưởng', en: 'Benefit level' },
  'facility.benefitValue': { vi: '{level}% chi phí khám chữa bệnh', en: '{level}% of the cost of care' },
  'facility.validity': { vi: 'Giá trị sử dụng', en: 'Valid' },
  'facility.validFromTo': { vi: 'Từ {from} đến {to}', en: 'From {from} to {to}' },
  'facility.validFrom': { vi: 'Từ {from}, không thời hạn', en: 'From {from}, open-ended' },
  'facility.initial': { vi: 'Nơi đăng ký KCB ban đầu', en: 'Registered initial facility' },
  'facility.initialHere': { vi: 'Đúng cơ sở này ({code})', en: 'This facility ({code})' },
  'facility.initialElsewhere': { vi: 'Cơ sở khác ({code})', en: 'Another facility ({code})' },
  'facility.initialNone': { vi: 'Chưa đăng ký', en: 'None registered' },
  'facility.payer': { vi: 'Đơn vị đóng', en: 'Paid by' },
  'facility.payer.employer': { vi: 'Người sử dụng lao động ({taxCode})', en: 'The employer ({taxCode})' },
  'facility.payer.ui_fund': { vi: 'Quỹ bảo hiểm thất nghiệp', en: 'The unemployment-insurance fund' },
  'facility.payer.state_budget': { vi: 'Ngân sách nhà nước', en: 'The state budget' },
  'facility.payer.self': { vi: 'Tự đóng', en: 'The person themselves' },
  'facility.fiveYears': { vi: 'Đủ 5 năm liên tục từ', en: 'Five continuous years from' },
});
