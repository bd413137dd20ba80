/** The printed documents (issue #13): the e-book PDF, the claim decision letters, the arrears notices. */
import { section } from './entry';

export const documents = section({
  'doc.agency': { vi: 'BẢO HIỂM XÃ HỘI VIỆT NAM', en: 'VIETNAM SOCIAL SECURITY' },
  'doc.page': { vi: 'Trang {page}/{pages}', en: 'Page {page}/{pages}' },
  'doc.issuedOn': { vi: 'Ngày cấp: {date}', en: 'Issued on: {date}' },
  'doc.none': { vi: 'Không có.', en: 'None.' },
  'doc.yes': { vi: 'Có', en: 'Yes' },
  'doc.no': { vi: 'Không', en: 'No' },

  'doc.ebook.title': { vi: 'SỔ BẢO HIỂM XÃ HỘI ĐIỆN TỬ', en: 'ELECTRONIC SOCIAL INSURANCE BOOK' },
  'doc.ebook.header': {
    vi: 'Sổ bảo hiểm xã hội điện tử — {name} — Số sổ {si}',
    en: 'Electronic social insurance book — {name} — SI number {si}',
  },
  'doc.ebook.identity': { vi: '1. Thông tin người tham gia', en: '1. The participant' },
  'doc.ebook.fullName': { vi: 'Họ và tên', en: 'Full name' },
  'doc.ebook.personalId': { vi: 'Số định danh cá nhân', en: 'Personal ID' },
  'doc.ebook.siNumber': { vi: 'Mã số bảo hiểm xã hội', en: 'SI number' },
  'doc.ebook.dateOfBirth': { vi: 'Ngày sinh', en: 'Date of birth' },
  'doc.ebook.gender': { vi: 'Giới tính', en: 'Gender' },
  'doc.ebook.nationality': { vi: 'Quốc tịch', en: 'Nationality' },
  'doc.ebook.gender.male': { vi: 'Nam', en: 'Male' },
  'doc.ebook.gender.female': { vi: 'Nữ', en: 'Female' },
  'doc.ebook.employments': { vi: '2. Quá trình làm việc và tiền lương', en: '2. Employments and salaries' },
  'doc.ebook.employment': {
    vi: '{employer} (MST {taxCode}) — {job}, hợp đồng {contract}, từ {from} đến {to}',
    en: '{employer} (tax code {taxCode}) — {job}, {contract} contract, from {from} to {to}',
  },
  'doc.ebook.now': { vi: 'nay', en: 'now' },
  'doc.ebook.salaryFrom': { vi: 'Từ {month}: {amount}', en: 'From {month}: {amount}' },
  'doc.ebook.months': { vi: '3. Các tháng đóng bảo hiểm', en: '3. Contribution months' },
  'doc.ebook.monthsLegend': {
    vi: 'Tháng đã đóng (được tính): 01 · tháng đã kê khai nhưng chưa đóng: [01]',
    en: 'A month paid (credited): 01 · a month declared but unpaid: [01]',
  },
  'doc.ebook.year': {
    vi: 'Năm {year}: {credited} tháng đã đóng, {unpaid} tháng chưa đóng — {months}',
    en: '{year}: {credited} months credited, {unpaid} declared but unpaid — {months}',
  },
  'doc.ebook.totals': {
    vi: 'Tổng cộng: {credited} tháng đã đóng, {unpaid} tháng đã kê khai nhưng chưa đóng.',
    en: 'Total: {credited} months credited, {unpaid} months declared but unpaid.',
  },
  'doc.ebook.hiCards': { vi: '4. Thẻ bảo hiểm y tế', en: '4. Health-insurance cards' },
  'doc.ebook.hiCard': {
    vi: 'Thẻ {code} — mức hưởng {level}, đối tượng {payer}, từ {from} đến {to}, nơi đăng ký KCB ban đầu {facility}',
    en: 'Card {code} — benefit level {level}, payer {payer}, from {from} to {to}, initial facility {facility}',
  },
  'doc.ebook.benefits': { vi: '5. Trợ cấp thất nghiệp', en: '5. Unemployment benefits' },
  'doc.ebook.benefit': {
    vi: 'Hồ sơ nộp ngày {filed}: {status}; mức hưởng {amount}/tháng trong {duration} tháng; đã nhận {paid} tháng, tạm dừng {suspended} tháng',
    en: 'Claim filed on {filed}: {status}; {amount} a month for {duration} months; {paid} months paid, {suspended} suspended',
  },
  'doc.ebook.integrity': { vi: '6. Phiên bản, mã băm và chữ ký số', en: '6. Version, hash and signature' },
  'doc.ebook.version': { vi: 'Phiên bản', en: 'Version' },
  'doc.ebook.hash': { vi: 'Mã băm SHA-256', en: 'SHA-256 hash' },
  'doc.ebook.signature': { vi: 'Chữ ký số (JWS, Ed25519)', en: 'Signature (JWS, Ed25519)' },
  'doc.ebook.qr': {
    vi: 'Mã QR chứa số định danh, phiên bản, mã băm và chữ ký; kiểm tra ngoại tuyến bằng khóa công khai tại /.well-known/jwks.json (ansinh ebook verify-file).',
    en: 'The QR code carries the personal ID, version, hash and signature; check it offline with the public keys at /.well-known/jwks.json (ansinh ebook verify-file).',
  },

  'doc.claim.header': {
    vi: 'Quyết định về trợ cấp thất nghiệp — {name}',
    en: 'Unemployment-benefit decision — {name}',
  },
  'doc.claim.approved.title': {
    vi: 'QUYẾT ĐỊNH VỀ VIỆC HƯỞNG TRỢ CẤP THẤT NGHIỆP',
    en: 'DECISION GRANTING UNEMPLOYMENT BENEFIT',
  },
  'doc.claim.rejected.title': {
    vi: 'THÔNG BÁO KHÔNG ĐƯỢC HƯỞNG TRỢ CẤP THẤT NGHIỆP',
    en: 'NOTICE REFUSING UNEMPLOYMENT BENEFIT',
  },
  'doc.claim.terminated.title': {
    vi: 'QUYẾT ĐỊNH VỀ VIỆC CHẤM DỨT HƯỞNG TRỢ CẤP THẤT NGHIỆP',
    en: 'DECISION ENDING UNEMPLOYMENT BENEFIT',
  },
  'doc.claim.to': {
    vi: 'Gửi: Ông/Bà {name}, số định danh {personalId}, mã số BHXH {si}',
    en: 'To: {name}, personal ID {personalId}, SI number {si}',
  },
  'doc.claim.filed': {
    vi: 'Hồ sơ nộp ngày {filed}; chấm dứt hợp đồng lao động ngày {terminated}.',
    en: 'Claim filed on {filed}; employment ended on {terminated}.',
  },
  'doc.claim.basis': { vi: 'Căn cứ pháp lý: {basis}.', en: 'Legal basis: {basis}.' },
  'doc.claim.approved.body': {
    vi: 'Ông/Bà được hưởng trợ cấp thất nghiệp {amount} mỗi tháng trong {duration} tháng, từ ngày {from} đến ngày {to}.',
    en: 'You are granted unemployment benefit of {amount} a month for {duration} months, from {from} to {to}.',
  },
  'doc.claim.computation': { vi: 'Cách tính', en: 'How it was computed' },
  'doc.claim.average': {
    vi: 'Bình quân tiền lương tháng đóng bảo hiểm thất nghiệp của {count} tháng liền kề ({months}): {average}.',
    en: 'Average monthly insured salary of the last {count} months paid ({months}): {average}.',
  },
  'doc.claim.rate': {
    vi: 'Mức hưởng hằng tháng = 60% × {average}, tối đa {cap} (mức trần tháng {capMonth}){capped}: {amount}.',
    en: 'Monthly benefit = 60% × {average}, at most {cap} (the cap of {capMonth}){capped}: {amount}.',
  },
  'doc.claim.capped': { vi: ', đã áp dụng mức trần', en: ', the cap applied' },
  'doc.claim.duration': {
    vi: 'Thời gian hưởng: {total} tháng đóng bảo hiểm thất nghiệp, được hưởng {duration} tháng; bảo lưu {reserved} tháng.',
    en: 'Duration: {total} contribution months give {duration} benefit months; {reserved} months reserved.',
  },
  'doc.claim.monthsTitle': { vi: 'Các tháng hưởng', en: 'The benefit months' },
  'doc.claim.month': {
    vi: 'Tháng {index}: từ {from} đến {to}',
    en: 'Month {index}: from {from} to {to}',
  },
  'doc.claim.rejected.body': {
    vi: 'Hồ sơ không đủ điều kiện hưởng trợ cấp thất nghiệp. Lý do: {reason}.',
    en: 'The claim does not meet the conditions for unemployment benefit. Reason: {reason}.',
  },
  'doc.claim.terminated.body': {
    vi: 'Ông/Bà chấm dứt hưởng trợ cấp thất nghiệp từ ngày {date}. Căn cứ chấm dứt: {ground}. Đã nhận {paid} tháng; số tháng được bảo lưu: {reserved}.',
    en: 'Your unemployment benefit ends on {date}. Ground: {ground}. {paid} months were paid; months reserved: {reserved}.',
  },
  'doc.claim.appeal': {
    vi: 'Quyền khiếu nại: nếu không đồng ý, Ông/Bà có quyền khiếu nại trong thời hạn {days} ngày kể từ ngày nhận được văn bản này, tức là đến hết ngày {deadline} ({basis}).',
    en: 'Right of appeal: if you disagree, you may lodge a complaint within {days} days of receiving this letter, that is by {deadline} ({basis}).',
  },

  'doc.arrears.title': { vi: 'THÔNG BÁO CHẬM ĐÓNG BẢO HIỂM XÃ HỘI', en: 'NOTICE OF LATE CONTRIBUTIONS' },
  'doc.arrears.header': {
    vi: 'Thông báo chậm đóng — {employer} — kỳ {period}',
    en: 'Late contributions — {employer} — period {period}',
  },
  'doc.arrears.to': {
    vi: 'Gửi: {employer}, mã số thuế {taxCode}, mã đơn vị {unit}',
    en: 'To: {employer}, tax code {taxCode}, unit code {unit}',
  },
  'doc.arrears.period': { vi: 'Kỳ đóng', en: 'Period' },
  'doc.arrears.deadline': { vi: 'Hạn đóng', en: 'Deadline' },
  'doc.arrears.principal': { vi: 'Số tiền còn nợ (gốc)', en: 'Outstanding principal' },
  'doc.arrears.charge': { vi: 'Tiền lãi chậm đóng đến ngày {date}', en: 'Late-payment charge to {date}' },
  'doc.arrears.total': { vi: 'Tổng số phải nộp', en: 'Total to pay' },
  'doc.arrears.chargeRule': {
    vi: 'Tiền lãi chậm đóng tính 0,03%/ngày trên số tiền chậm đóng, kể từ ngày tiếp theo hạn đóng (Luật BHXH 41/2024 Điều 40).',
    en: 'The late-payment charge is 0.03% a day on the amount paid late, from the day after the deadline (Law 41/2024 Art.40).',
  },
  'doc.arrears.evasion': {
    vi: 'Quá 60 ngày kể từ hạn đóng, số tiền chưa đóng bị coi là trốn đóng (Luật BHXH 41/2024 Điều 39), tức là từ ngày {date}.',
    en: 'More than 60 days after the deadline, the unpaid amount counts as evasion (Law 41/2024 Art.39), that is from {date}.',
  },
  'doc.arrears.evasionNow': {
    vi: 'Số tiền này đã bị coi là trốn đóng bảo hiểm xã hội (Luật BHXH 41/2024 Điều 39).',
    en: 'This amount already counts as evasion of contributions (Law 41/2024 Art.39).',
  },
  'doc.arrears.howToPay': {
    vi: 'Cách nộp: chuyển khoản vào tài khoản thu của cơ quan BHXH, nội dung ghi "{reference}" (mã số thuế và kỳ đóng), hoặc nộp qua Cổng Dịch vụ công quốc gia.',
    en: 'How to pay: a bank transfer to the social-security collection account with the reference "{reference}" (tax code and period), or through the National Public Service Portal.',
  },
  // Words for the codes the documents print (issue #13: no raw code on paper). Where another section
  // already has the word (field.contractType.*, facility.payer.*, me.claim.status.*), the document uses it.
  'doc.nationality.VN': { vi: 'Việt Nam', en: 'Vietnamese' },
  'doc.contract.indefinite': { vi: 'không xác định thời hạn', en: 'indefinite-term' },
  'doc.contract.fixed_term_12_36': { vi: 'xác định thời hạn 12–36 tháng', en: 'fixed-term (12–36 months)' },
  'doc.contract.fixed_term_1_12': { vi: 'xác định thời hạn 1–12 tháng', en: 'fixed-term (1–12 months)' },
  'doc.reason.UNLAWFUL_TERMINATION': {
    vi: 'hợp đồng lao động chấm dứt trái pháp luật hoặc do người lao động đơn phương nghỉ việc trái luật',
    en: 'the employment ended unlawfully, or the employee quit in breach of the law',
  },
  'doc.reason.PENSION_ELIGIBLE': { vi: 'đã đủ điều kiện hưởng lương hưu', en: 'entitled to a pension' },
  'doc.reason.RECEIVING_PENSION': { vi: 'đang hưởng lương hưu hằng tháng', en: 'already receiving a monthly pension' },
  'doc.reason.CONTRIBUTION_MONTHS_INSUFFICIENT': {
    vi: 'chưa đủ số tháng đóng bảo hiểm thất nghiệp theo quy định',
    en: 'not enough months of unemployment-insurance contributions',
  },
  'doc.reason.FILED_TOO_LATE': { vi: 'nộp hồ sơ quá thời hạn', en: 'the claim was filed too late' },
  'doc.reason.NEW_COVERED_JOB': {
    vi: 'đã có việc làm thuộc diện đóng bảo hiểm bắt buộc',
    en: 'already in a new job covered by compulsory insurance',
  },
  'doc.reason.ACTIVE_CLAIM': {
    vi: 'đang có một hồ sơ hưởng trợ cấp thất nghiệp khác',
    en: 'another unemployment-benefit claim is open',
  },
  'doc.ground': { vi: '{ground} (điểm {letter} khoản 4 Điều 41)', en: '{ground} (Art.41(4)({letter}))' },
  'doc.ground.new_job': {
    vi: 'có việc làm thuộc diện tham gia bảo hiểm xã hội bắt buộc',
    en: 'found a job covered by compulsory social insurance',
  },
  'doc.ground.service': {
    vi: 'thực hiện nghĩa vụ quân sự, nghĩa vụ công an hoặc tham gia dân quân thường trực',
    en: 'entered military, police or standing-militia service',
  },
  'doc.ground.pension': { vi: 'hưởng lương hưu hằng tháng', en: 'started receiving a monthly pension' },
  'doc.ground.refused_jobs': {
    vi: 'từ chối 02 lần việc làm do trung tâm dịch vụ việc làm giới thiệu mà không có lý do chính đáng',
    en: 'twice refused, without good reason, a job the employment centre introduced',
  },
  'doc.ground.missed_reports': {
    vi: 'không thông báo tìm kiếm việc làm hằng tháng trong 03 tháng liên tục',
    en: 'did not send the monthly job-search notice for 3 consecutive months',
  },
  'doc.ground.emigration': { vi: 'ra nước ngoài để định cư', en: 'left to live abroad' },
  'doc.ground.study': {
    vi: 'đi học tập có thời hạn trên 12 tháng',
    en: 'started a course of study longer than 12 months',
  },
  'doc.ground.sanction': {
    vi: 'bị xử phạt vi phạm hành chính về bảo hiểm thất nghiệp',
    en: 'was sanctioned for a violation of the unemployment-insurance rules',
  },
  'doc.ground.death': { vi: 'chết', en: 'died' },
  'doc.ground.rehabilitation': {
    vi: 'chấp hành quyết định áp dụng biện pháp đưa vào trường giáo dưỡng, cơ sở giáo dục bắt buộc, cơ sở cai nghiện bắt buộc',
    en: 'was sent to compulsory education or rehabilitation',
  },
  'doc.ground.missing': { vi: 'bị Tòa án tuyên bố mất tích', en: 'was declared missing by a court' },
  'doc.ground.detention': { vi: 'bị tạm giam hoặc chấp hành hình phạt tù', en: 'was detained or imprisoned' },
  'doc.ground.own_request': { vi: 'theo đề nghị của người lao động', en: 'at the person’s own request' },
  'doc.law.Law 74/2025': { vi: 'Luật Việc làm số 74/2025/QH15', en: 'Law 74/2025' },
  'doc.law.Law 02/2011': { vi: 'Luật Khiếu nại số 02/2011/QH13', en: 'Law 02/2011' },
  'doc.law.HI Law': { vi: 'Luật Bảo hiểm y tế', en: 'HI Law' },
  'doc.law.Decree 188/2025': { vi: 'Nghị định số 188/2025/NĐ-CP', en: 'Decree 188/2025' },
  'doc.cite.article': { vi: 'Điều {article} {law}', en: '{law} Art.{article}' },
  'doc.cite.clause': { vi: 'khoản {clause} Điều {article} {law}', en: '{law} Art.{article}({clause})' },
  'doc.cite.point': {
    vi: 'điểm {point} khoản {clause} Điều {article} {law}',
    en: '{law} Art.{article}({clause})({point})',
  },
});
