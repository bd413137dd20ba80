/**
 * What the `ansinh` command prints for people (issue #13): every human line of cli/, one key a line
 * ({name} placeholders; the CLI fills them with ids, formatted amounts and dates, and labels from
 * the catalog). Labels other sections already have (claim statuses, contract types, genders, payer
 * kinds, termination reasons, periods' statuses, laws) are reused from them; the labels here are the
 * ones no other section had. `--json` output never comes from here.
 */
import { section } from './entry';

const words = section({
  // Shared words and fragments
  'cli.yes': { vi: 'có', en: 'yes' },
  'cli.no': { vi: 'không', en: 'no' },
  'cli.open': { vi: 'chưa xác định', en: 'open' },
  'cli.now': { vi: 'nay', en: 'now' },
  'cli.none': { vi: 'không có', en: 'none' },

  // The funds (domain/rates.ts FUNDS)
  'cli.fund.SI_RETIREMENT': { vi: 'BHXH hưu trí, tử tuất', en: 'SI retirement & survivorship' },
  'cli.fund.SI_SICKNESS': { vi: 'BHXH ốm đau, thai sản', en: 'SI sickness & maternity' },
  'cli.fund.SI_OAOD': { vi: 'BHXH tai nạn lao động, bệnh nghề nghiệp', en: 'SI occupational accident & disease' },
  'cli.fund.HI': { vi: 'Bảo hiểm y tế', en: 'Health insurance' },
  'cli.fund.UI': { vi: 'Bảo hiểm thất nghiệp', en: 'Unemployment insurance' },

  // The employer's category (domain/schemas.ts employerCategorySchema)
  'cli.category.enterprise': { vi: 'doanh nghiệp', en: 'enterprise' },
  'cli.category.state_body': { vi: 'cơ quan nhà nước', en: 'state body' },
  'cli.category.public_service_unit': { vi: 'đơn vị sự nghiệp công lập', en: 'public service unit' },
  'cli.category.political_social_org': { vi: 'tổ chức chính trị - xã hội', en: 'political or social organisation' },
  'cli.category.foreign_org': { vi: 'tổ chức nước ngoài', en: 'foreign organisation' },
  'cli.category.cooperative': { vi: 'hợp tác xã', en: 'cooperative' },
  'cli.category.household_business': { vi: 'hộ kinh doanh', en: 'household business' },
  'cli.category.other': { vi: 'loại hình khác', en: 'other' },
  'cli.category.defence_unit': { vi: 'đơn vị quốc phòng', en: 'defence unit' },
  'cli.category.public_security_unit': { vi: 'đơn vị công an', en: 'public security unit' },

  // The grounds that end a benefit (domain/unemployment/termination.ts)
  'cli.ground.new_job': { vi: 'có việc làm mới', en: 'a new job' },
  'cli.ground.service': { vi: 'thực hiện nghĩa vụ quân sự, công an', en: 'military or police service' },
  'cli.ground.pension': { vi: 'hưởng lương hưu', en: 'a pension' },
  'cli.ground.refused_jobs': { vi: 'từ chối việc làm được giới thiệu', en: 'jobs offered and refused' },
  'cli.ground.missed_reports': { vi: 'không thông báo tìm việc liên tiếp', en: 'reports missed in a row' },
  'cli.ground.emigration': { vi: 'ra nước ngoài định cư', en: 'emigration' },
  'cli.ground.study': { vi: 'đi học từ 12 tháng trở lên', en: 'studies of 12 months or more' },
  'cli.ground.sanction': { vi: 'bị xử phạt vi phạm về bảo hiểm thất nghiệp', en: 'a sanction' },
  'cli.ground.death': { vi: 'chết', en: 'death' },
  'cli.ground.rehabilitation': { vi: 'chấp hành biện pháp đưa vào cơ sở cai nghiện', en: 'compulsory rehabilitation' },
  'cli.ground.missing': { vi: 'bị tuyên bố mất tích', en: 'declared missing' },
  'cli.ground.detention': { vi: 'bị tạm giam, chấp hành hình phạt tù', en: 'detention or imprisonment' },
  'cli.ground.own_request': { vi: 'theo đề nghị của người lao động', en: 'at the claimant’s own request' },

  // calc contribution (cli/format.ts)
  'cli.contrib.title': {
    vi: 'Tiền đóng bảo hiểm tháng {month}, vùng {region}',
    en: 'Contributions for {month}, region {region}',
  },
  'cli.contrib.bases': {
    vi: '  tiền lương làm căn cứ đóng: BHXH {si}, BHYT {hi}, BHTN {ui}{notes}',
    en: '  bases: SI {si}, HI {hi}, UI {ui}{notes}',
  },
  'cli.contrib.siCapped': { vi: ' (BHXH đã áp dụng mức trần)', en: ' (SI capped)' },
  'cli.contrib.uiCapped': { vi: ' (BHTN đã áp dụng mức trần)', en: ' (UI capped)' },
  'cli.contrib.floored': { vi: ' (nâng lên mức sàn từ {amount})', en: ' (raised to the floor from {amount})' },
  'cli.contrib.fund': { vi: 'quỹ', en: 'fund' },
  'cli.contrib.employee': { vi: 'người lao động', en: 'employee' },
  'cli.contrib.employer': { vi: 'đơn vị', en: 'employer' },
  'cli.contrib.total': { vi: 'cộng', en: 'total' },
  'cli.contrib.row': { vi: '  {fund} {employee} {employer}', en: '  {fund} {employee} {employer}' },
  'cli.contrib.grandTotal': { vi: '  tổng cộng {amount}', en: '  grand total {amount}' },

  // ebook show (cli/format.ts)
  'cli.ebook.title': {
    vi: 'Sổ BHXH điện tử của {name} — số định danh {personalId}, mã số BHXH {si}',
    en: 'E-book of {name} — personal ID {personalId}, SI number {si}',
  },
  'cli.ebook.born': {
    vi: '  sinh ngày {date}, {gender}, quốc tịch {nationality}',
    en: '  born {date}, {gender}, nationality {nationality}',
  },
  'cli.ebook.version': { vi: '  phiên bản {version}, sha256 {sha256}', en: '  version {version}, sha256 {sha256}' },
  'cli.ebook.employments': { vi: '  quá trình làm việc:', en: '  employment:' },
  'cli.ebook.employment': {
    vi: '    {from}–{to}  {employer} (MST {taxCode}, mã đơn vị {unit}), {job}, hợp đồng {contract}',
    en: '    {from}–{to}  {employer} ({taxCode}, unit {unit}), {job}, {contract}',
  },
  'cli.ebook.salary': { vi: '      tiền lương từ {month}: {amount}', en: '      salary from {month}: {amount}' },
  'cli.ebook.hiCards': { vi: '  bảo hiểm y tế:', en: '  health insurance:' },
  'cli.ebook.hiCard': {
    vi: '    thẻ {code}: mức hưởng {level}%, đóng bởi {payer}, giá trị {from}–{to}{facility}',
    en: '    card {code}: {level}%, paid by {payer}, valid {from}–{to}{facility}',
  },
  'cli.ebook.facility': { vi: ', nơi KCB ban đầu {code}', en: ', facility {code}' },
  'cli.ebook.pdf': { vi: 'đã ghi {file} ({bytes} byte)', en: 'wrote {file} ({bytes} bytes)' },
  'cli.ebook.verifyOk': {
    vi: 'đạt: {checked} sổ điện tử khớp với cơ sở dữ liệu',
    en: 'ok: {checked} e-books match the database',
  },
  'cli.ebook.verifyBad': {
    vi: '{count} trên {checked} sổ điện tử không khớp với cơ sở dữ liệu:',
    en: '{count} of {checked} e-books do not match the database:',
  },
  'cli.ebook.mismatch': {
    vi: '  {personalId}: {kind} — {what} (phiên bản đã lưu {version})',
    en: '  {personalId}: {kind} — {what} (stored version {version})',
  },
  'cli.ebook.mismatchSection': {
    vi: '  {personalId}: {kind} — {what}, phần {section} (phiên bản đã lưu {version})',
    en: '  {personalId}: {kind} — {what}, section {section} (stored version {version})',
  },
  'cli.ebook.kind.missing': { vi: 'không có sổ đã lưu', en: 'no stored book' },
  'cli.ebook.kind.content_differs': { vi: 'nội dung khác với dữ liệu', en: 'the content differs from the records' },
  'cli.ebook.kind.hash_differs': { vi: 'mã băm không khớp nội dung', en: 'the hash does not match the content' },
  'cli.ebook.kind.orphan': { vi: 'sổ không có người tham gia', en: 'a book with no participant' },
  'cli.ebook.kind.version_differs': {
    vi: 'phiên bản khác với lịch sử phiên bản',
    en: 'the version differs from its history',
  },
  'cli.ebook.kind.history_broken': { vi: 'lịch sử phiên bản bị đứt', en: 'the version history is broken' },
  'cli.ebook.kind.history_missing': { vi: 'thiếu lịch sử phiên bản', en: 'the version history is missing' },
  'cli.ebook.valid': {
    vi: 'hợp lệ: phiên bản {version}, ký lúc {at} bằng khóa {kid}',
    en: 'valid: version {version}, signed {at} with key {kid}',
  },
  'cli.ebook.invalid': { vi: 'không hợp lệ: {code}: {reason}', en: 'invalid: {code}: {reason}' },

  // claim (cli/format.ts formatClaim, cli/commands/claim.ts)
  'cli.claim.head': { vi: 'hồ sơ {id}: {status}{law}', en: 'claim {id}: {status}{law}' },
  'cli.claim.law': { vi: ' ({law})', en: ' ({law})' },
  'cli.claim.eligible': { vi: '  đủ điều kiện: {value}', en: '  eligible: {value}' },
  'cli.claim.notEligible': { vi: 'không ({reasons})', en: 'no ({reasons})' },
  'cli.claim.benefit': {
    vi: '  mức hưởng hằng tháng: {amount} trong {months} tháng, từ ngày {date}',
    en: '  monthly benefit: {amount} for {months} months from {date}',
  },
  'cli.claim.decisionDue': { vi: '  hạn ra quyết định: {date}{alerts}', en: '  decision due by: {date}{alerts}' },
  'cli.claim.alert.reminded': { vi: ' (đã nhắc)', en: ' (reminded)' },
  'cli.claim.alert.escalated': { vi: ' (đã chuyển cấp trên)', en: ' (escalated)' },
  'cli.claim.alert.overdue': { vi: ' (quá hạn)', en: ' (overdue)' },
  'cli.claim.decision': { vi: '  quyết định: {decision}', en: '  decision: {decision}' },
  'cli.claim.decision.approved': { vi: 'duyệt hưởng', en: 'approved' },
  'cli.claim.decision.rejected': { vi: 'từ chối', en: 'rejected' },
  'cli.claim.month': {
    vi: '  tháng {index}  {from} – {to}  {status}{paidOn}  (hạn thông báo {deadline})',
    en: '  month {index}  {from} – {to}  {status}{paidOn}  (report by {deadline})',
  },
  'cli.claim.paidOn': { vi: ' ngày {date}', en: ' on {date}' },
  'cli.claim.counts': {
    vi: '  đã chi trả {paid}, tạm dừng {suspended}, còn lại {remaining}',
    en: '  paid {paid}, suspended {suspended}, remaining {remaining}',
  },
  'cli.claim.terminated': { vi: '  chấm dứt hưởng: {ground}', en: '  terminated: {ground}' },
  'cli.claim.reserved': {
    vi: '  số tháng đóng được bảo lưu: {n}',
    en: '  contribution months reserved: {n}',
  },
  'cli.claim.coverage': {
    vi: '  thẻ BHYT {code} (quỹ BHTN đóng) {from} – {to}',
    en: '  HI card {code} (UI fund) {from} – {to}',
  },
  'cli.claim.task': { vi: '  công việc {kind}: {status}{assignee}{due}', en: '  task {kind}: {status}{assignee}{due}' },
  'cli.claim.assignee': { vi: ', {who}', en: ', {who}' },
  'cli.claim.taskDue': { vi: ', hạn {date}', en: ', due {date}' },
  'cli.claim.waitingFor': { vi: '  đang chờ: {what}', en: '  waiting for: {what}' },
  'cli.claim.filed': { vi: 'đã nộp: hồ sơ {id}', en: 'filed: claim {id}' },
  'cli.claim.alreadyFiled': { vi: 'đã nộp trước đó: hồ sơ {id}', en: 'already filed: claim {id}' },
  'cli.claim.reported': {
    vi: 'đã nhận thông báo tìm việc cho tháng hưởng thứ {month}: tháng {monthStatus}, hồ sơ {status}',
    en: 'report for benefit month {month} accepted: the month is {monthStatus}, the claim {status}',
  },

  // calc unemployment (cli/calc-unemployment.ts)
  'cli.calc.title': { vi: 'Trợ cấp thất nghiệp theo {law}', en: 'Unemployment benefit under {law}' },
  // The eligibility conditions, short (domain/unemployment/eligibility.ts UiConditionName)
  'cli.cond.lawful_termination': { vi: 'chấm dứt hợp đồng hợp pháp', en: 'lawful termination' },
  'cli.cond.not_eligible_for_pension': { vi: 'chưa đủ điều kiện hưởng lương hưu', en: 'not eligible for pension' },
  'cli.cond.not_receiving_pension': { vi: 'không đang hưởng lương hưu', en: 'not receiving pension' },
  'cli.cond.contribution_months': { vi: 'số tháng đóng', en: 'contribution months' },
  'cli.cond.filed_in_time': { vi: 'nộp hồ sơ đúng hạn', en: 'filed in time' },
  'cli.cond.no_new_covered_job': { vi: 'không có việc làm mới', en: 'no new covered job' },
  'cli.cond.no_active_claim': { vi: 'không đang hưởng trợ cấp khác', en: 'no active claim' },
  'cli.calc.conditions': { vi: '  các điều kiện:', en: '  conditions:' },
  'cli.calc.ok': { vi: '    [đạt]   {condition}: {detail}', en: '    [ok]   {condition}: {detail}' },
  'cli.calc.fail': { vi: '    [KHÔNG ĐẠT] {code}: {detail}', en: '    [FAIL] {code}: {detail}' },
  'cli.calc.average': {
    vi: '  bình quân tiền lương đóng BHTN ({n} tháng đóng gần nhất): {amount}',
    en: '  average UI salary (last {n} paid months): {amount}',
  },
  'cli.calc.cap': {
    vi: '  mức trần (5 × lương tối thiểu vùng tháng {month}): {amount}',
    en: '  cap (5 × regional minimum wage of {month}): {amount}',
  },
  'cli.calc.benefit': {
    vi: '  mức hưởng hằng tháng (60%, tối đa mức trần): {amount}',
    en: '  monthly benefit (60%, capped): {amount}',
  },
  'cli.calc.hi': {
    vi: '  BHYT do quỹ BHTN đóng (4,5%): {amount} mỗi tháng',
    en: '  HI paid by the UI fund (4.5%): {amount} a month',
  },
  'cli.calc.duration': {
    vi: '  thời gian hưởng: {months} tháng; số tháng đóng được bảo lưu sau đó: {reserved}',
    en: '  duration: {months} months; contribution months reserved afterwards: {reserved}',
  },
  'cli.calc.durationOne': {
    vi: '  thời gian hưởng: 1 tháng; số tháng đóng được bảo lưu sau đó: {reserved}',
    en: '  duration: 1 month; contribution months reserved afterwards: {reserved}',
  },
  'cli.calc.start': { vi: '  ngày bắt đầu hưởng: {date}', en: '  benefit starts: {date}' },
  'cli.calc.months': { vi: '  các tháng hưởng:', en: '  benefit months:' },
  'cli.calc.month': { vi: '    tháng {index}: {from} – {to}', en: '    month {index}: {from} – {to}' },

  // employer (cli/commands/employer.ts)
  'cli.onboard.submitted': {
    vi: 'đã nộp: yêu cầu {request}, quy trình {workflow}, {employees} người lao động',
    en: 'submitted: request {request}, workflow {workflow}, {employees} employees',
  },
  'cli.onboard.warning': { vi: 'cảnh báo: {code} ({field})', en: 'warning: {code} ({field})' },
  'cli.onboard.waiting': {
    vi: 'đã nộp {workflow}; đang chờ quyết định và việc ghi nhận người lao động…',
    en: 'submitted {workflow}; waiting for the decision and the onboarding…',
  },
  'cli.onboard.completed': {
    vi: '{taxCode}: hoàn tất — mã đơn vị {unit}; {employees} người lao động ({created} người mới, {existing} đã có), {cards} thẻ BHYT, {ebooks} sổ điện tử{mismatches}',
    en: '{taxCode}: completed — unit code {unit}; {employees} employees ({created} new, {existing} known), {cards} HI cards, {ebooks} e-books{mismatches}',
  },
  'cli.onboard.mismatches': {
    vi: '; dòng có thông tin nhân thân khác cơ sở dữ liệu: {lines}',
    en: '; lines whose identity differs from the database: {lines}',
  },
  'cli.onboard.rejected': { vi: '{taxCode}: bị từ chối — {reason}', en: '{taxCode}: rejected — {reason}' },
  'cli.onboard.duplicate': {
    vi: '{taxCode}: trùng hồ sơ — đơn vị đã được ghi nhận',
    en: '{taxCode}: a duplicate — the employer is already on record',
  },
  'cli.decision.accepted': { vi: '{taxCode}: đã nhận quyết định', en: '{taxCode}: decision accepted' },
  'cli.decision.approved': {
    vi: '{taxCode}: đã duyệt — đơn vị đang hoạt động, mã đơn vị {unit}; đang ghi nhận người lao động ({state})',
    en: '{taxCode}: approved — the employer is active, unit code {unit}; its employees are being onboarded ({state})',
  },
  'cli.decision.rejected': {
    vi: '{taxCode}: đã từ chối — đơn vị bị từ chối ({state})',
    en: '{taxCode}: rejected — the employer is rejected ({state})',
  },
  'cli.employer.title': { vi: '{name} (MST {taxCode})', en: '{name} (tax code {taxCode})' },
  'cli.employer.status': { vi: 'trạng thái: {status}{unit}{rejected}', en: 'status: {status}{unit}{rejected}' },
  'cli.employer.unit': { vi: ', mã đơn vị {unit}', en: ', unit code {unit}' },
  'cli.employer.rejectedFor': { vi: ', lý do từ chối: {reason}', en: ', rejected: {reason}' },
  'cli.employer.where': {
    vi: 'vùng {region}, tỉnh {province}, {category}',
    en: 'region {region}, province {province}, {category}',
  },
  'cli.employer.employees': { vi: 'số người lao động: {n}', en: 'employees: {n}' },
  'cli.employer.onboarding': {
    vi: 'đăng ký tham gia: {state}, {done}/{total} người lao động{escalated}',
    en: 'onboarding: {state}, {done}/{total} employees{escalated}',
  },
  'cli.employer.escalated': { vi: ', đã chuyển cấp trên', en: ', escalated' },
  'cli.employer.noWorkflow': {
    vi: 'đăng ký tham gia: (không truy cập được quy trình)',
    en: 'onboarding: (no workflow reachable)',
  },
  'cli.declare.line': {
    vi: '{kind} {personalId} từ {month}: {result} (#{id})',
    en: '{kind} {personalId} from {month}: {result} (#{id})',
  },
  'cli.statement.head': {
    vi: '{taxCode} kỳ {period}: {employees} người lao động, hạn đóng {deadline}, tính đến ngày {asOf}',
    en: '{taxCode} {period}: {employees} employees, deadline {deadline}, as of {asOf}',
  },
  'cli.statement.employee': { vi: '  phần người lao động đóng:', en: '  employee:' },
  'cli.statement.employer': { vi: '  phần đơn vị đóng:', en: '  employer:' },
  'cli.statement.fund': { vi: '    {fund} {amount}', en: '    {fund} {amount}' },
  'cli.statement.totals': {
    vi: '  phải đóng {due}, đã đóng {paid}, còn nợ {outstanding} ({status})',
    en: '  due {due}, paid {paid}, outstanding {outstanding} ({status})',
  },
  'cli.statement.late': {
    vi: '  tiền chậm đóng {charge} (đã nộp {chargePaid}), chậm {days} ngày{evasion}',
    en: '  late charge {charge} (paid {chargePaid}), {days} days late{evasion}',
  },
  'cli.statement.evasion': { vi: ' — TRỐN ĐÓNG (từ ngày thứ 61)', en: ' — EVASION (day 61+)' },
  'cli.statement.settlement': {
    vi: '  {date} {reference}{fromCredit}: gốc {principal}, lãi {charge}',
    en: '  {date} {reference}{fromCredit}: principal {principal}, charge {charge}',
  },
  'cli.statement.fromCredit': { vi: ' (từ số tiền đóng thừa)', en: ' (from credit)' },
  'cli.statement.credit': {
    vi: '  trả từ số tiền đóng thừa {fromCredit}; số tiền đóng thừa đang giữ {held}',
    en: '  paid from credit {fromCredit}; credit held {held}',
  },
  'cli.pay.announced': {
    vi: 'báo chuyển khoản #{id} {amount} dự kiến ngày {date}, mã tham chiếu {reference}: {status}{already}',
    en: 'announcement #{id} {amount} expected on {date}, reference {reference}: {status}{already}',
  },
  'cli.pay.already': { vi: ' (đã báo trước đó)', en: ' (already announced)' },
  'cli.payments.announcements': { vi: 'các khoản đã báo: {n}', en: 'announcements: {n}' },
  'cli.payments.announcement': {
    vi: '  #{id} {reference} {amount} dự kiến ngày {date}: {status}{matched}',
    en: '  #{id} {reference} {amount} expected {date}: {status}{matched}',
  },
  'cli.payments.matched': {
    vi: ' (giao dịch ngân hàng {bankReference}, khoản thu #{paymentId})',
    en: ' (bank {bankReference}, payment #{paymentId})',
  },
  'cli.payments.payments': { vi: 'các khoản đã ghi có: {n}', en: 'payments: {n}' },
  'cli.payments.payment': {
    vi: '  #{id} {bankReference} {amount} ngày {date}, đã phân bổ {allocated}, còn thừa {credit}',
    en: '  #{id} {bankReference} {amount} on {date}, allocated {allocated}, credit {credit}',
  },

  // bank (cli/commands/bank.ts)
  'cli.bank.imported': {
    vi: '{lines} dòng ({format}{statement}): {booked} đã ghi có, {suspense} chờ xử lý, {ignored} bỏ qua, {already} đã nhập trước đó{notBooked}',
    en: '{lines} lines ({format}{statement}): {booked} booked, {suspense} to suspense, {ignored} ignored, {already} already imported{notBooked}',
  },
  'cli.bank.notBooked': {
    vi: ', {n} dòng ngân hàng chưa hạch toán (bỏ qua)',
    en: ', {n} not booked by the bank yet (skipped)',
  },
  'cli.bank.line': {
    vi: '  dòng {line} {reference}: {status}{reason}{taxCode}{payment}{already}',
    en: '  line {line} {reference}: {status}{reason}{taxCode}{payment}{already}',
  },
  'cli.bank.reasonOf': { vi: ' ({reason})', en: ' ({reason})' },
  'cli.bank.payment': { vi: ' khoản thu #{id}', en: ' payment #{id}' },
  'cli.bank.alreadyImported': { vi: ' (đã nhập trước đó)', en: ' (already imported)' },
  'cli.bank.status.booked': { vi: 'đã ghi có', en: 'booked' },
  'cli.bank.status.suspense': { vi: 'chờ xử lý', en: 'suspense' },
  'cli.bank.status.ignored': { vi: 'bỏ qua', en: 'ignored' },
  'cli.bank.reason.NO_EMPLOYER_MATCH': { vi: 'không xác định được đơn vị', en: 'no employer matches' },
  'cli.bank.reason.AMBIGUOUS_EMPLOYER': { vi: 'khớp với nhiều đơn vị', en: 'more than one employer' },
  'cli.bank.reason.DEBIT': { vi: 'khoản chi ra', en: 'a debit' },
  'cli.bank.reason.NOT_VND': { vi: 'không phải đồng Việt Nam', en: 'not in dong' },
  'cli.bank.noSuspense': { vi: 'không có dòng nào chờ xử lý', en: 'no lines in suspense' },
  'cli.bank.suspenseLine': {
    vi: '#{id} {reference} {amount} {currency} ngày {date}: {reason}{taxCode} — {remittance}',
    en: '#{id} {reference} {amount} {currency} on {date}: {reason}{taxCode} — {remittance}',
  },
  'cli.bank.assigned': {
    vi: 'dòng #{id} {reference} đã ghi có cho {taxCode}, khoản thu #{payment}{already}',
    en: 'line #{id} {reference} booked to {taxCode} as payment #{payment}{already}',
  },
  'cli.bank.alreadyAssigned': { vi: ' (đã gán trước đó)', en: ' (already assigned)' },
  'cli.bank.allocation': {
    vi: '  kỳ {period}: gốc {principal}, lãi {charge}{fromCredit}',
    en: '  {period}: principal {principal}, charge {charge}{fromCredit}',
  },
  'cli.bank.fromCredit': { vi: ' (từ số tiền đóng thừa, ngày {date})', en: ' (from credit, {date})' },
  'cli.bank.credit': { vi: '  còn thừa {amount}', en: '  credit {amount}' },
  'cli.taxCode': { vi: ' ({taxCode})', en: ' ({taxCode})' },
  'cli.fragment': { vi: ' {text}', en: ' {text}' },

  // reconcile, schedule (cli/commands/reconcile.ts)
  'cli.reconcile.result': {
    vi: 'kỳ {period} tính đến ngày {asOf}: {employers} đơn vị, {lines} dòng, phải đóng {due}, đã đóng {paid}, còn nợ {outstanding}, tiền chậm đóng {charge}, {unpaid} đơn vị còn nợ ({evasion} trốn đóng), {ebooks} sổ điện tử được ghi lại',
    en: '{period} as of {asOf}: {employers} employers, {lines} lines, due {due}, paid {paid}, outstanding {outstanding}, late charges {charge}, {unpaid} employers in arrears ({evasion} evasion), {ebooks} e-books rewritten',
  },

  'cli.schedule.applied.created': { vi: 'đã tạo lịch {id}: {what}', en: 'schedule {id} created: {what}' },
  'cli.schedule.applied.updated': { vi: 'đã cập nhật lịch {id}: {what}', en: 'schedule {id} updated: {what}' },
  'cli.schedule.what.monthly-reconciliation': {
    vi: 'đối soát tháng trước, ngày 1 hằng tháng lúc 02:00',
    en: "the previous month's reconciliation, on the 1st at 02:00",
  },
  'cli.schedule.what.daily-audit-checkpoint': {
    vi: 'mốc ký nhật ký kiểm toán, hằng ngày lúc 03:00',
    en: 'the signed audit checkpoint, daily at 03:00',
  },
  'cli.schedule.what.daily-benefit-payment-run': {
    vi: 'đợt chi trả trợ cấp (tệp pain.001), hằng ngày lúc 08:00',
    en: 'the benefit payment run (a pain.001 file), daily at 08:00',
  },

  // seed (cli/commands/seed.ts)
  'cli.seed.done': {
    vi: 'đã nạp {employers} đơn vị, {participants} người tham gia, {payments} khoản thu cho các kỳ {first}…{last} trong {seconds} giây',
    en: 'seeded {employers} employers, {participants} participants, {payments} payments for {first}…{last} in {seconds} s',
  },
  'cli.seed.history': {
    vi: 'kèm {months} tháng quá trình trước đó ({first}…{last}): {rows} tháng đóng, {employments} quá trình làm việc',
    en: 'with {months} months of history before it ({first}…{last}): {rows} contribution months, {employments} employments',
  },
  'cli.seed.stage.careers': { vi: 'quá trình đóng trước đó', en: 'careers before the window' },
  'cli.seed.stage.months': { vi: 'tháng đóng', en: 'contribution months' },
  'cli.seed.stage.employers': { vi: 'đơn vị', en: 'employers' },
  'cli.seed.stage.participants': { vi: 'người tham gia', en: 'participants' },
  'cli.seed.stage.employments': {
    vi: 'quá trình làm việc, tiền lương, thẻ BHYT',
    en: 'employments, salaries, HI cards',
  },
  'cli.seed.stage.ebooks': { vi: 'sổ điện tử', en: 'e-books' },
  'cli.seed.stage.payments': { vi: 'khoản thu kỳ {month}', en: 'payments {month}' },
  'cli.seed.progress': { vi: '  {stage}: {done} / {total}', en: '  {stage}: {done} / {total}' },

  // ledger, audit (cli/commands/ledger.ts, audit.ts)
  'cli.ledger.ok': {
    vi: 'đạt: {periods} kỳ đã đóng của {employers} đơn vị cân đối',
    en: 'ok: {periods} paid periods of {employers} employers balance',
  },
  'cli.ledger.problems': { vi: '{n} sai lệch:', en: '{n} problems:' },
  'cli.ledger.problem': { vi: '  {taxCode} {period}: {problem}', en: '  {taxCode} {period}: {problem}' },
  'cli.audit.checkpoint': {
    vi: 'mốc {id}: đã ký {chains} đầu chuỗi bằng khóa {kid}{file}',
    en: 'checkpoint {id}: {chains} chain heads signed with key {kid}{file}',
  },
  'cli.audit.file': { vi: ' ({file})', en: ' ({file})' },
  'cli.audit.against': { vi: 'mốc {id} lúc {at}', en: 'checkpoint {id} of {at}' },
  'cli.audit.noCheckpoint': { vi: 'chưa có mốc nào', en: 'no checkpoint' },
  'cli.audit.ok': {
    vi: 'đạt: {events} sự kiện trong {chains} chuỗi, các đầu chuỗi khớp với {against}',
    en: 'ok: {events} events in {chains} chains, heads consistent with {against}',
  },
  'cli.audit.findings': {
    vi: '{n} sai lệch ({events} sự kiện trong {chains} chuỗi, {against}):',
    en: '{n} findings ({events} events in {chains} chains, {against}):',
  },
  'cli.audit.finding': {
    vi: '  {kind} {chain}{seq}{event}: {detail}',
    en: '  {kind} {chain}{seq}{event}: {detail}',
  },
  'cli.audit.event': { vi: ' (sự kiện {id})', en: ' (event {id})' },

  // admin, keys (cli/commands/admin.ts, signing.ts; cli/main.ts)
  'cli.keys.rotated': {
    vi: 'khóa mã hóa {current} là khóa hiện hành trong {file} (các khóa: {keys}); khởi động lại worker và API để mã hóa bằng khóa này (các tiến trình đang chạy đã giải mã được)',
    en: 'payload key {current} is now current in {file} (keys: {keys}); restart the workers and the API to encrypt under it (running ones already decode it)',
  },
  'cli.keys.signing': {
    vi: 'khóa ký mới {kid} trong {file} ({count} khóa được công bố)',
    en: 'new signing key {kid} in {file} ({count} keys published)',
  },
  'cli.db.migrated': { vi: 'đã áp dụng các bản migration ({kind}){ebooks}', en: 'migrations applied ({kind}){ebooks}' },
  'cli.db.ebooks': { vi: '; đã dựng lại {n} sổ điện tử', en: '; {n} e-books re-rendered' },
  'cli.db.partitions': {
    vi: 'các tháng đóng: {count} phân vùng theo năm, từ {from} đến {through} (vừa tạo {created})',
    en: 'contribution months: {count} yearly partitions, {from} through {through} ({created} created now)',
  },
  'cli.partitions.made': {
    vi: 'các tháng đóng: đã tạo trước {count} phân vùng, đủ đến {through}',
    en: 'contribution months: {count} partitions created ahead, through {through}',
  },
  'cli.partitions.failed': {
    vi: 'các tháng đóng: chưa tạo trước được phân vùng lúc này ({code}); lần đối soát tới sẽ thử lại',
    en: 'contribution months: the partitions ahead could not be created now ({code}); the next reconciliation batch tries again',
  },
  'cli.run.stopped': { vi: 'đã dừng an toàn', en: 'stopped cleanly' },
  'cli.run.signal': {
    vi: '{signal}: đang dừng theo thứ tự…',
    en: '{signal}: shutting down in order…',
  },
  'cli.run.api': {
    vi: 'api: {url} (OpenAPI tại {url}/openapi.json, tài liệu tại {url}/docs)',
    en: 'api: {url} (OpenAPI at {url}/openapi.json, docs at {url}/docs)',
  },
  'cli.run.apiProcesses': {
    vi: 'api: {processes} tiến trình trên {url}',
    en: 'api: {processes} processes on {url}',
  },
  'cli.run.apiRestart': {
    vi: 'api: một tiến trình đã dừng (mã {code}); khởi động lại sau {delayMs} ms',
    en: 'api: a process exited ({code}); starting it again in {delayMs} ms',
  },
  'cli.run.relay': {
    vi: 'relay: {describe}, từ hộp thư đi của DATABASE_URL',
    en: 'relay: {describe}, from the outbox of DATABASE_URL',
  },
  'cli.run.metrics': { vi: 'số đo Prometheus: {url}', en: 'Prometheus metrics: {url}' },
  'cli.run.worker': {
    vi: 'worker ({pool}) đang chạy trên {address}, hàng đợi {queue}',
    en: 'worker ({pool}) running on {address}, task queue {queue}',
  },
});

/** `--help`: each command's, argument's and option's description by its path (cli/help.ts), and commander's headings. */
const help = section({
  'cli.help.ansinh': {
    vi: 'Ansinh — xử lý chế độ bảo hiểm xã hội theo quy trình (workflow)',
    en: 'Ansinh — workflow-orchestrated social-insurance benefit processing',
  },
  'cli.help.ansinh.--version': { vi: 'in phiên bản của Ansinh', en: 'print the version of Ansinh' },
  'cli.help.ansinh.--json': { vi: 'kết quả dạng JSON cho máy đọc', en: 'machine-readable JSON output' },
  'cli.help.ansinh.--lang': {
    vi: 'ngôn ngữ thông báo: vi (mặc định) hoặc en; ANSINH_LANG đặt mặc định',
    en: 'language of messages: vi (default) or en; ANSINH_LANG sets the default',
  },
  'cli.help.ansinh.start': {
    vi: 'chạy toàn bộ hệ thống: cơ sở dữ liệu (nhúng nếu không có DATABASE_URL), Temporal (máy chủ phát triển cục bộ nếu không có TEMPORAL_ADDRESS), worker',
    en: 'run the whole stack: database (embedded unless DATABASE_URL), Temporal (local dev server unless TEMPORAL_ADDRESS), worker',
  },
  'cli.help.ansinh.worker': {
    vi: 'chỉ chạy worker, với DATABASE_URL và TEMPORAL_ADDRESS: nhóm tương tác, nhóm xử lý lô, hoặc cả hai',
    en: 'run only the worker, against DATABASE_URL and TEMPORAL_ADDRESS: the interactive pool, the batch pool, or both',
  },
  'cli.help.ansinh.worker.--pool': {
    vi: 'nhóm cần phục vụ: hàng đợi tác vụ và số suất của nhóm (mặc định WORKER_POOL, all)',
    en: 'which pool to serve: its task queue and slots (default WORKER_POOL, all)',
  },
  'cli.help.ansinh.relay': {
    vi: 'chỉ chạy relay gửi hộp thư đi (e-mail qua SMTP_URL), với DATABASE_URL',
    en: 'run only the relay that delivers the outbox (e-mail over SMTP_URL), against DATABASE_URL',
  },
  'cli.help.ansinh.api': {
    vi: 'chỉ chạy HTTP API, với DATABASE_URL và TEMPORAL_ADDRESS',
    en: 'run only the HTTP API, against DATABASE_URL and TEMPORAL_ADDRESS',
  },
  'cli.help.ansinh.api.--processes': {
    vi: 'số tiến trình cùng phục vụ một cổng (node:cluster; mặc định API_PROCESSES, 1)',
    en: 'processes answering the one port (node:cluster; default API_PROCESSES, 1)',
  },
  'cli.help.ansinh.token': { vi: 'mã truy cập (bearer token) cho HTTP API', en: 'bearer tokens for the HTTP API' },
  'cli.help.ansinh.token.mint': {
    vi: 'cấp mã truy cập ký bằng khóa phát triển cục bộ (lưu trong ANSINH_HOME)',
    en: 'mint a token signed with the local development key (kept in ANSINH_HOME)',
  },
  'cli.help.ansinh.token.mint.--role': { vi: 'mã cấp cho vai trò nào', en: 'who the token is for' },
  'cli.help.ansinh.token.mint.--tax-code': {
    vi: 'đơn vị: mã số thuế mà mã truy cập đại diện',
    en: 'employer: the tax code it acts for',
  },
  'cli.help.ansinh.token.mint.--personal-id': {
    vi: 'người tham gia: số định danh cá nhân mà mã truy cập đại diện',
    en: 'participant: the personal ID it acts for',
  },
  'cli.help.ansinh.token.mint.--facility': {
    vi: 'cơ sở: mã cơ sở khám chữa bệnh',
    en: 'facility: the healthcare-facility code',
  },
  'cli.help.ansinh.token.mint.--level': {
    vi: 'mức định danh (mức VNeID; người tham gia cần mức 2)',
    en: 'identity assurance level (VNeID level; participants need 2)',
  },
  'cli.help.ansinh.token.mint.--ttl': {
    vi: 'thời hạn, ví dụ 15m, 1h (tối đa theo vai trò, AUTH_MAX_TOKEN_HOURS)',
    en: 'lifetime, e.g. 15m, 1h (at most the role maximum, AUTH_MAX_TOKEN_HOURS)',
  },
  'cli.help.ansinh.token.mint.--subject': {
    vi: 'chủ thể của mã (mặc định: vai trò và đối tượng gắn)',
    en: 'the token subject (default: role and binding)',
  },
  'cli.help.ansinh.keys': { vi: 'các khóa mã hóa dữ liệu Temporal', en: 'the keys that encrypt Temporal payloads' },
  'cli.help.ansinh.keys.rotate': {
    vi: 'thêm khóa mã hóa mới vào tệp khóa (PAYLOAD_KEYS_FILE, hoặc tệp phát triển trong ANSINH_HOME) và đặt làm khóa hiện hành; các khóa cũ được giữ để giải mã dữ liệu cũ',
    en: 'add a new payload key to the key file (PAYLOAD_KEYS_FILE, or the development file in ANSINH_HOME) and make it current; old keys are kept to decode old payloads',
  },
  'cli.help.ansinh.keys.rotate-signing': {
    vi: 'thêm khóa ký Ed25519 mới cho sổ điện tử và đặt làm khóa hiện hành; các khóa cũ vẫn được công bố (API nhận khóa mới khi khởi động lại)',
    en: 'add a new Ed25519 e-book signing key and make it current; older keys stay published (the API picks it up when it restarts)',
  },
  'cli.help.ansinh.keys.signing-jwks': {
    vi: 'in JWKS công khai của các khóa ký sổ điện tử (nội dung /.well-known/jwks.json)',
    en: 'print the public JWKS of the e-book signing keys (what /.well-known/jwks.json serves)',
  },
  'cli.help.ansinh.db': { vi: 'quản trị cơ sở dữ liệu', en: 'database administration' },
  'cli.help.ansinh.db.migrate': { vi: 'áp dụng các bản migration còn thiếu', en: 'apply pending migrations' },
  'cli.help.ansinh.db.partitions': {
    vi: 'tạo các phân vùng theo năm còn thiếu của contribution_months, từ 1995 đến --through (mặc định: 24 tháng sau tháng hiện tại), và liệt kê chúng',
    en: "create the yearly partitions of contribution_months that are missing, from 1995 through --through (default: 24 months after today's month), and list them",
  },
  'cli.help.ansinh.db.partitions.--through': {
    vi: 'tháng cuối cùng mà một phân vùng phải chứa',
    en: 'the last month a partition must hold',
  },
  'cli.help.ansinh.demo': {
    vi: 'đăng ký một đơn vị mẫu với ba người lao động từ đầu đến cuối, duyệt đơn vị, in các sổ điện tử',
    en: 'onboard a sample employer with three employees end to end, approve it, print the e-books',
  },
  'cli.help.ansinh.employer': {
    vi: 'đơn vị sử dụng lao động: đăng ký tham gia và quyết định',
    en: 'employers: onboarding and decisions',
  },
  'cli.help.ansinh.employer.onboard': {
    vi: 'nộp hồ sơ đăng ký tham gia và bắt đầu quy trình của hồ sơ',
    en: 'submit an onboarding dossier and start its workflow',
  },
  'cli.help.ansinh.employer.onboard.<file>': {
    vi: 'hồ sơ JSON: { employer: {...}, employees: [...] }',
    en: 'JSON dossier: { employer: {...}, employees: [...] }',
  },
  'cli.help.ansinh.employer.onboard.--wait': {
    vi: 'chờ quy trình hoàn tất và in kết quả',
    en: 'wait for the workflow to finish and print its summary',
  },
  'cli.help.ansinh.employer.onboard.--submitted-by': { vi: 'người nộp hồ sơ', en: 'who submits the dossier' },
  'cli.help.ansinh.employer.onboard.--batch-size': {
    vi: 'số người lao động trong mỗi giao dịch cơ sở dữ liệu',
    en: 'employees per database transaction',
  },
  'cli.help.ansinh.employer.approve': {
    vi: 'duyệt một hồ sơ đăng ký đang chờ (qua Update của quy trình)',
    en: "approve a pending onboarding (through the workflow's Update)",
  },
  'cli.help.ansinh.employer.approve.--officer': { vi: 'cán bộ ra quyết định', en: 'the deciding officer' },
  'cli.help.ansinh.employer.reject': {
    vi: 'từ chối một hồ sơ đăng ký đang chờ (qua Update của quy trình)',
    en: "reject a pending onboarding (through the workflow's Update)",
  },
  'cli.help.ansinh.employer.reject.--officer': { vi: 'cán bộ ra quyết định', en: 'the deciding officer' },
  'cli.help.ansinh.employer.reject.--reason': { vi: 'lý do từ chối hồ sơ', en: 'why the dossier is rejected' },
  'cli.help.ansinh.employer.show': {
    vi: 'đơn vị theo cơ sở dữ liệu, và tiến độ đăng ký tham gia',
    en: 'the employer as the database holds it, and its onboarding progress',
  },
  'cli.help.ansinh.employer.declare': {
    vi: 'ghi nhận khai báo (một giao dịch; mỗi khai báo ghi một lần); sổ điện tử được ghi lại',
    en: 'record declarations (one transaction; each recorded once); e-books are rewritten',
  },
  'cli.help.ansinh.employer.declare.<file>': {
    vi: 'JSON: { declarations: [ { kind: hire|leave|salary_change|unpaid_leave, … } ] }',
    en: 'JSON: { declarations: [ { kind: hire|leave|salary_change|unpaid_leave, … } ] }',
  },
  'cli.help.ansinh.employer.declare.--author': { vi: 'người khai báo', en: 'who declares' },
  'cli.help.ansinh.employer.statement': {
    vi: 'số đơn vị phải đóng cho một tháng: theo bên và theo quỹ, đã đóng, còn nợ, tiền chậm đóng',
    en: 'what the employer owes for a month: due per side and fund, paid, outstanding, late charge',
  },
  'cli.help.ansinh.employer.statement.--period': { vi: 'tháng đóng', en: 'the contribution month' },
  'cli.help.ansinh.employer.statement.--as-of': {
    vi: 'tính ngày chậm đóng đến ngày này (mặc định hôm nay, giờ Việt Nam)',
    en: 'count late days up to this date (default today, Vietnam time)',
  },
  'cli.help.ansinh.employer.pay': {
    vi: 'báo trước một khoản chuyển khoản: chờ đến khi sao kê ngân hàng có giao dịch; không bao giờ tự ghi có',
    en: "announce a transfer: pending until the bank's statement carries it; never credited on its own",
  },
  'cli.help.ansinh.employer.pay.--amount': { vi: 'số tiền của khoản chuyển', en: 'amount the transfer will carry' },
  'cli.help.ansinh.employer.pay.--value-date': {
    vi: 'ngày dự kiến ghi có của khoản chuyển',
    en: 'expected value date of the bank transfer',
  },
  'cli.help.ansinh.employer.pay.--reference': {
    vi: 'mã tham chiếu ghi trong nội dung chuyển khoản (4–64 chữ cái, chữ số hoặc ._:/-)',
    en: "the reference the transfer's remittance text will carry (4–64 letters, digits or ._:/-)",
  },
  'cli.help.ansinh.employer.pay.--author': { vi: 'người báo chuyển khoản', en: 'who announces it' },
  'cli.help.ansinh.employer.payments': {
    vi: 'các khoản đơn vị đã báo (chờ hoặc đã khớp) và các khoản ngân hàng đã ghi có',
    en: "the employer's announcements (pending or matched) and the payments booked from the bank",
  },
  'cli.help.ansinh.bank': {
    vi: 'sao kê tài khoản thu: nhập sao kê, khoản chờ xử lý, gán cho đơn vị',
    en: "the collection account's bank statements: import, suspense, assignment",
  },
  'cli.help.ansinh.bank.import': {
    vi: 'nhập một sao kê: mỗi giao dịch một lần theo mã giao dịch ngân hàng; khoản có bằng VND ghi tên một đơn vị được ghi có, các khoản khác chờ xử lý',
    en: 'import a statement: each transaction once by its bank reference; credits in VND naming one employer are booked, the others go to suspense',
  },
  'cli.help.ansinh.bank.import.<file>': {
    vi: 'sao kê ngân hàng: tệp CSV (các cột trong README) hoặc XML ISO 20022 camt.053',
    en: 'the bank statement: CSV export (columns in the README) or ISO 20022 camt.053 XML',
  },
  'cli.help.ansinh.bank.import.--format': {
    vi: 'định dạng tệp (mặc định: theo phần mở rộng, nếu không thì theo nội dung)',
    en: 'the file format (default: by extension, else by content)',
  },
  'cli.help.ansinh.bank.import.--author': { vi: 'người nhập sao kê', en: 'who imports it' },
  'cli.help.ansinh.bank.suspense': {
    vi: 'các dòng sao kê chờ cán bộ xử lý, cũ nhất trước, kèm lý do',
    en: 'statement lines waiting for an officer, oldest first, with their reason',
  },
  'cli.help.ansinh.bank.suspense.--limit': { vi: 'tối đa bấy nhiêu dòng', en: 'at most this many lines' },
  'cli.help.ansinh.bank.assign': {
    vi: 'ghi có một dòng chờ xử lý thành khoản đóng của đơn vị; dòng rời khỏi danh sách chờ',
    en: "book a suspense line as the employer's payment; it leaves suspense",
  },
  'cli.help.ansinh.bank.assign.<id>': {
    vi: 'dòng chờ xử lý (#id từ ansinh bank suspense)',
    en: 'the suspense line (#id from ansinh bank suspense)',
  },
  'cli.help.ansinh.bank.assign.<taxCode>': { vi: 'đơn vị mà khoản tiền đóng cho', en: 'the employer it pays' },
  'cli.help.ansinh.bank.assign.--officer': { vi: 'cán bộ gán', en: 'the assigning officer' },
  'cli.help.ansinh.reconcile': {
    vi: 'chạy tay đối soát hằng tháng của một kỳ (quy trình reconciliation:<kỳ>)',
    en: 'run the monthly reconciliation of one period by hand (workflow reconciliation:<period>)',
  },
  'cli.help.ansinh.reconcile.--period': { vi: 'tháng cần đối soát', en: 'the month to reconcile' },
  'cli.help.ansinh.reconcile.--as-of': {
    vi: 'tính ngày chậm đóng đến ngày này (mặc định: hôm nay)',
    en: 'count late days up to this date (default: today)',
  },
  'cli.help.ansinh.reconcile.--wait': { vi: 'chờ kết quả và in ra', en: 'wait for the result and print it' },
  'cli.help.ansinh.schedule': { vi: 'lịch chạy của Temporal (Schedules)', en: 'Temporal Schedules' },
  'cli.help.ansinh.schedule.apply': {
    vi: 'tạo hoặc cập nhật mọi lịch chạy của cơ quan: đối soát hằng tháng (ngày 1 hằng tháng, 02:00 Asia/Ho_Chi_Minh), mốc ký nhật ký hằng ngày (03:00) và đợt chi trả trợ cấp hằng ngày (08:00)',
    en: 'create or update every schedule of the agency: the monthly reconciliation (1st of the month, 02:00 Asia/Ho_Chi_Minh), the daily audit checkpoint (03:00) and the daily benefit payment run (08:00)',
  },
  'cli.help.ansinh.seed': {
    vi: 'nạp một tập dữ liệu tổng hợp bằng COPY (cần DATABASE_URL: PostgreSQL), xác định theo --seed',
    en: 'load a synthetic population with COPY (needs DATABASE_URL: PostgreSQL), deterministic from --seed',
  },
  'cli.help.ansinh.seed.--employers': { vi: 'số đơn vị đang hoạt động', en: 'active employers' },
  'cli.help.ansinh.seed.--participants': {
    vi: 'số người tham gia (chia cho các đơn vị)',
    en: 'participants (spread over the employers)',
  },
  'cli.help.ansinh.seed.--months': { vi: 'số tháng đóng và khoản thu', en: 'months of contributions and payments' },
  'cli.help.ansinh.seed.--period': {
    vi: 'tháng cuối (mặc định: tháng trước)',
    en: 'the last month (default: last month)',
  },
  'cli.help.ansinh.seed.--seed': { vi: 'hạt giống ngẫu nhiên', en: 'random seed' },
  'cli.help.ansinh.seed.--history-months': {
    vi: 'số tháng quá trình trước tháng đầu, như đã đối soát: các quá trình làm việc, tăng lương, tháng chưa đóng đủ, sổ điện tử',
    en: 'months of career before the first month, as reconciled: employments, raises, unpaid months, e-books',
  },
  'cli.help.ansinh.ledger': { vi: 'sổ cái tiền đóng', en: 'the contribution ledger' },
  'cli.help.ansinh.ledger.verify': {
    vi: 'chứng minh sổ cái cân đối (mã thoát 1 nếu không)',
    en: 'prove the ledger balances (exit 1 if it does not)',
  },
  'cli.help.ansinh.ebook': { vi: 'sổ bảo hiểm xã hội điện tử', en: 'electronic social-insurance books' },
  'cli.help.ansinh.ebook.show': { vi: 'sổ điện tử của một người tham gia', en: "a participant's e-book" },
  'cli.help.ansinh.ebook.pdf': {
    vi: 'sổ điện tử của một người tham gia dạng PDF có chữ ký số để in, theo ngôn ngữ của --lang (mặc định vi, hoặc en)',
    en: "a participant's e-book as a signed, printable PDF, in the language of --lang (vi default, or en)",
  },
  'cli.help.ansinh.ebook.pdf.--out': {
    vi: 'nơi ghi tệp PDF (mặc định: ebook-<phiên bản>.pdf trong thư mục hiện tại)',
    en: 'where to write the PDF (default: ebook-<version>.pdf in the current directory)',
  },
  'cli.help.ansinh.ebook.verify': {
    vi: 'tính lại mọi sổ điện tử từ cơ sở dữ liệu và báo từng sai lệch (mã thoát 1 nếu có)',
    en: 'recompute every e-book from the database and report each mismatch (exit 1 if any)',
  },
  'cli.help.ansinh.ebook.verify.--participant': {
    vi: 'chỉ kiểm tra sổ của một người tham gia (số định danh cá nhân), từng phần một',
    en: "check one participant's book only (personal ID), section by section",
  },
  'cli.help.ansinh.ebook.verify-file': {
    vi: 'kiểm tra chữ ký của một sổ điện tử đã tải về chỉ bằng khóa công khai (mã thoát 0 hợp lệ, 2 không hợp lệ)',
    en: "check a downloaded e-book's signature with the public keys alone (exit 0 valid, 2 invalid)",
  },
  'cli.help.ansinh.ebook.verify-file.<book.json>': {
    vi: 'sổ điện tử đã tải về: câu trả lời của API, hoặc `ansinh ebook show --json`, đã lưu',
    en: 'a downloaded e-book: the API response, or `ansinh ebook show --json`, saved',
  },
  'cli.help.ansinh.ebook.verify-file.--jwks': {
    vi: 'các khóa công khai: tệp JWKS, hoặc URL như <api>/.well-known/jwks.json',
    en: 'the public keys: a JWKS file, or a URL such as <api>/.well-known/jwks.json',
  },
  'cli.help.ansinh.claim': {
    vi: 'hồ sơ hưởng trợ cấp thất nghiệp (Luật 74/2025): nộp, quyết định, thông báo, chấm dứt, xem',
    en: 'unemployment-benefit claims (Law 74/2025): file, decide, report, terminate, show',
  },
  'cli.help.ansinh.claim.file': {
    vi: 'nộp hồ sơ: kiểm tra, lưu, bắt đầu quy trình; điều kiện hưởng tính từ các tháng đã ghi nhận',
    en: 'file a claim: validated, stored, its workflow started; eligibility comes from the credited months',
  },
  'cli.help.ansinh.claim.file.<file.json>': {
    vi: '{ personalId, terminationDate, filingDate, region, contractMonths, terminationReason, pensionEligible?, newCoveredJob? }',
    en: '{ personalId, terminationDate, filingDate, region, contractMonths, terminationReason, pensionEligible?, newCoveredJob? }',
  },
  'cli.help.ansinh.claim.file.--by': { vi: 'người nộp', en: 'who files' },
  'cli.help.ansinh.claim.decide': {
    vi: 'quyết định của cán bộ: duyệt, hoặc từ chối kèm lý do',
    en: "the officer's decision: approve, or reject with a reason",
  },
  'cli.help.ansinh.claim.decide.--approve': { vi: 'duyệt hồ sơ', en: 'approve the claim' },
  'cli.help.ansinh.claim.decide.--reject': {
    vi: 'từ chối hồ sơ (kèm --reason)',
    en: 'reject the claim (with --reason)',
  },
  'cli.help.ansinh.claim.decide.--reason': { vi: 'lý do (bắt buộc khi từ chối)', en: 'reason (required to reject)' },
  'cli.help.ansinh.claim.decide.--officer': { vi: 'cán bộ ra quyết định', en: 'deciding officer' },
  'cli.help.ansinh.claim.report': {
    vi: 'thông báo tìm kiếm việc làm hằng tháng, trong thời hạn thông báo',
    en: 'the monthly job-search report, within its window',
  },
  'cli.help.ansinh.claim.report.--month': {
    vi: 'tháng hưởng (mặc định: kỳ thông báo đang mở)',
    en: 'benefit month (default: the open window)',
  },
  'cli.help.ansinh.claim.report.--by': { vi: 'người thông báo', en: 'who reports' },
  'cli.help.ansinh.claim.terminate': {
    vi: 'chấm dứt hưởng trợ cấp theo một căn cứ pháp lý; số tháng chưa hưởng được bảo lưu khi luật quy định',
    en: 'terminate the benefit on a legal ground; unused months are reserved where the law says so',
  },
  'cli.help.ansinh.claim.terminate.--ground': {
    vi: 'new_job, service, pension, refused_jobs, missed_reports, emigration, study, sanction, death, rehabilitation, missing, detention, own_request',
    en: 'new_job, service, pension, refused_jobs, missed_reports, emigration, study, sanction, death, rehabilitation, missing, detention, own_request',
  },
  'cli.help.ansinh.claim.terminate.--effective': {
    vi: 'ngày phát sinh căn cứ (mặc định: hôm nay)',
    en: 'the day the ground arose (default: today)',
  },
  'cli.help.ansinh.claim.terminate.--by': { vi: 'người chấm dứt', en: 'who terminates' },
  'cli.help.ansinh.claim.show': { vi: 'toàn bộ trạng thái của một hồ sơ', en: 'the full state of a claim' },
  'cli.help.ansinh.calc': {
    vi: 'các công cụ tính không ghi gì vào cơ sở dữ liệu',
    en: 'calculators that write nothing',
  },
  'cli.help.ansinh.calc.unemployment': {
    vi: 'đánh giá một trường hợp trợ cấp thất nghiệp (Luật 74/2025 hoặc Luật 38/2013 theo ngày chấm dứt hợp đồng): điều kiện, mức hưởng, thời gian, các ngày',
    en: 'evaluate an unemployment-benefit case (Law 74/2025 or Law 38/2013 by termination date): eligibility, amount, duration, dates',
  },
  'cli.help.ansinh.calc.unemployment.<file.json>': {
    vi: '{ terminationDate, filingDate, region, contractMonths, terminationReason, contributions: [{ month, salary }] }',
    en: '{ terminationDate, filingDate, region, contractMonths, terminationReason, contributions: [{ month, salary }] }',
  },
  'cli.help.ansinh.calc.contribution': {
    vi: 'tiền đóng BHXH/BHYT/BHTN của một người lao động trong một tháng',
    en: 'SI/HI/UI contributions of one employee for one month',
  },
  'cli.help.ansinh.calc.contribution.--salary': {
    vi: 'tiền lương tháng đóng bảo hiểm',
    en: 'monthly contribution salary',
  },
  'cli.help.ansinh.calc.contribution.--period': { vi: 'tháng đóng', en: 'contribution month' },
  'cli.help.ansinh.calc.contribution.--region': {
    vi: 'vùng lương tối thiểu của đơn vị',
    en: 'wage region of the employer',
  },
  'cli.help.ansinh.audit': {
    vi: 'nhật ký kiểm toán: chuỗi băm và mốc có chữ ký',
    en: 'the audit trail: hash chains and signed checkpoints',
  },
  'cli.help.ansinh.audit.checkpoint': {
    vi: 'ký mọi đầu chuỗi nhật ký và lưu mốc (--out: ghi thêm ra tệp JSON để giữ ngoài máy)',
    en: 'sign every audit chain head and store the checkpoint (--out: also write it as JSON, to keep off the machine)',
  },
  'cli.help.ansinh.audit.checkpoint.--out': { vi: 'ghi mốc ra tệp này', en: 'write the checkpoint to this file' },
  'cli.help.ansinh.audit.verify': {
    vi: 'tính lại mọi chuỗi nhật ký và so các đầu chuỗi với mốc gần nhất (mã thoát 1 nếu có sai lệch)',
    en: 'recompute every audit chain and compare the heads with the last checkpoint (exit 1 on any finding)',
  },
  'cli.help.ansinh.audit.verify.--checkpoint': {
    vi: 'so với mốc đã xuất này thay vì mốc lưu gần nhất',
    en: 'compare with this exported checkpoint instead of the last stored one',
  },
  'cli.help.choices': { vi: 'chọn một trong', en: 'choices' },
  'cli.help.default': { vi: 'mặc định', en: 'default' },
  'cli.help.help': { vi: 'hiện trợ giúp của lệnh', en: 'display help for command' },
  'cli.help.helpCommand': { vi: 'hiện trợ giúp của lệnh', en: 'display help for command' },
  'cli.help.title.Usage:': { vi: 'Cách dùng:', en: 'Usage:' },
  'cli.help.title.Options:': { vi: 'Tùy chọn:', en: 'Options:' },
  'cli.help.title.Commands:': { vi: 'Lệnh:', en: 'Commands:' },
  'cli.help.title.Arguments:': { vi: 'Đối số:', en: 'Arguments:' },
  'cli.help.title.Global Options:': { vi: 'Tùy chọn chung:', en: 'Global Options:' },
});

export const cli = { ...words, ...help };
