/**
 * Texts of the declaration cases (issue #14 part 2: "my employer has not declared or paid my
 * months"): the refusals of an opening, the referral codes, every notice of a case, and the labels of
 * the case's timeline.
 */
import { section } from './entry';

export const declarationCases = section({
  // Titles (the kind of problem, the same for every occurrence).
  'problem.DECLARATION_CASE_NOT_FOUND.title': { vi: 'Không tìm thấy vụ việc', en: 'Case not found' },
  'problem.DECLARATION_CASE_ALREADY_OPEN.title': { vi: 'Vụ việc đang mở', en: 'Case already open' },
  'problem.MONTHS_REVERSED.title': { vi: 'Khoảng tháng đảo ngược', en: 'Months reversed' },
  'problem.MONTHS_TOO_MANY.title': { vi: 'Quá nhiều tháng', en: 'Too many months' },
  'problem.MONTH_BEFORE_WORKING_AGE.title': { vi: 'Tháng trước tuổi lao động', en: 'Month before working age' },
  'problem.EMPLOYER_OUT_OF_SCOPE.title': { vi: 'Đơn vị ngoài hệ thống', en: 'Employer outside the system' },
  'problem.INVALID_ARREARS_CONFIRMATION.title': { vi: 'Xác nhận nợ không hợp lệ', en: 'Invalid arrears confirmation' },
  'problem.INVALID_CASE_ID.title': { vi: 'Mã vụ việc không hợp lệ', en: 'Invalid case id' },
  'problem.INVALID_DOCUMENT_ID.title': { vi: 'Mã tài liệu không hợp lệ', en: 'Invalid document id' },
  'problem.DECLARATION_CASE_NOT_FOUND': { vi: 'Không tìm thấy vụ việc.', en: 'No such case.' },
  'problem.DECLARATION_CASE_ALREADY_OPEN': {
    vi: 'Ông/Bà đã có một vụ việc đang mở với đơn vị này.',
    en: 'You already have an open case against this employer.',
  },
  'problem.INVALID_CASE_ID': { vi: 'Mã vụ việc là một số nguyên.', en: 'A case id is a whole number.' },
  'problem.INVALID_DOCUMENT_ID': { vi: 'Mã tài liệu là một số nguyên.', en: 'A document id is a whole number.' },
  'problem.MONTHS_REVERSED': { vi: 'Tháng cuối đứng trước tháng đầu.', en: 'The last month is before the first.' },
  'problem.MONTHS_TOO_MANY': {
    vi: 'Một vụ việc nêu tối đa 120 tháng.',
    en: 'A case names at most 120 months.',
  },
  'problem.MONTH_BEFORE_WORKING_AGE': {
    vi: 'Tháng này trước khi người lao động đủ 15 tuổi.',
    en: 'This month is before the person turned 15.',
  },
  'problem.EMPLOYER_OUT_OF_SCOPE': {
    vi: 'Đơn vị thuộc Bộ Quốc phòng hoặc Bộ Công an, nằm ngoài hệ thống bảo hiểm xã hội điện tử; cán bộ sẽ chuyển vụ việc đến nơi có thẩm quyền.',
    en: 'The employer is a unit of the Ministry of National Defence or of Public Security, outside the electronic social insurance system; an officer will pass the case to the competent body.',
  },
  'problem.INVALID_ARREARS_CONFIRMATION': {
    vi: 'Xác nhận nợ đóng cần có cán bộ xác nhận.',
    en: 'A confirmation of arrears needs the confirming officer.',
  },

  // Notices to the employer: named, or anonymous (Law 25/2018 Art.9(1)(b)).
  'notice.declaration_case.employer_named.subject': {
    vi: 'Yêu cầu khai báo hoặc giải trình thời gian đóng bảo hiểm',
    en: 'Declare or explain months of social insurance',
  },
  'notice.declaration_case.employer_named.body': {
    vi: 'Người lao động {fullName} (số định danh {personalId}) cho biết đơn vị chưa khai báo hoặc chưa đóng các tháng {fromMonth}–{toMonth}. Đề nghị đơn vị khai báo hoặc giải trình trước ngày {due} (vụ việc {caseId}).',
    en: 'The employee {fullName} (personal ID {personalId}) says you have not declared or paid the months {fromMonth}–{toMonth}. Declare them or explain by {due} (case {caseId}).',
  },
  'notice.declaration_case.employer_anonymous.subject': {
    vi: 'Yêu cầu rà soát khai báo bảo hiểm xã hội',
    en: 'Review your social insurance declarations',
  },
  'notice.declaration_case.employer_anonymous.body': {
    vi: 'Cơ quan bảo hiểm xã hội nhận được phản ánh rằng đơn vị chưa khai báo hoặc chưa đóng bảo hiểm cho người lao động trong các năm {fromYear}–{toYear}. Đề nghị đơn vị rà soát toàn bộ khai báo của các năm này và khai báo bổ sung hoặc giải trình trước ngày {due} (vụ việc {caseId}).',
    en: 'The social insurance agency was told that you have not declared or paid insurance for an employee in the years {fromYear}–{toYear}. Review every declaration of those years and declare what is missing or explain by {due} (case {caseId}).',
  },
  // Notices to the participant: each step.
  'notice.declaration_case.employer_notified.subject': {
    vi: 'Đơn vị đã được thông báo về vụ việc của Ông/Bà',
    en: 'Your employer was notified of your case',
  },
  'notice.declaration_case.employer_notified.body': {
    vi: 'Đơn vị (mã số thuế {employerTaxCode}) đã được yêu cầu khai báo hoặc giải trình trước ngày {due} (vụ việc {caseId}).',
    en: 'The employer (tax code {employerTaxCode}) was asked to declare or explain by {due} (case {caseId}).',
  },
  'notice.declaration_case.escalated.subject': {
    vi: 'Vụ việc của Ông/Bà được chuyển thanh tra',
    en: 'Your case was passed to the inspectors',
  },
  'notice.declaration_case.escalated.body': {
    vi: 'Đơn vị (mã số thuế {employerTaxCode}) không trả lời đúng hạn; vụ việc {caseId} đã được chuyển cho thanh tra.',
    en: 'The employer (tax code {employerTaxCode}) did not answer in time; case {caseId} was passed to the inspectors.',
  },
  'notice.declaration_case.arrears_confirmed.subject': {
    vi: 'Đã xác nhận đơn vị nợ đóng bảo hiểm',
    en: 'The employer’s arrears are confirmed',
  },
  'notice.declaration_case.arrears_confirmed.body': {
    vi: 'Đơn vị (mã số thuế {employerTaxCode}) được xác nhận nợ đóng các tháng trong vụ việc {caseId}. Vụ việc tiếp tục mở cho đến khi các tháng được đóng và ghi nhận.',
    en: 'The employer (tax code {employerTaxCode}) owes the months of case {caseId}. The case stays open until they are paid and credited.',
  },
  'notice.declaration_case.closed.subject': { vi: 'Vụ việc của Ông/Bà đã kết thúc', en: 'Your case is closed' },
  'notice.declaration_case.closed.body': {
    vi: 'Vụ việc {caseId} với đơn vị (mã số thuế {employerTaxCode}) đã kết thúc: các tháng đã được khai báo hoặc ghi nhận ({outcome}).',
    en: 'Case {caseId} against the employer (tax code {employerTaxCode}) is closed: the months are declared or credited ({outcome}).',
  },
  'notice.declaration_case.referred.subject': {
    vi: 'Vụ việc của Ông/Bà được chuyển cán bộ',
    en: 'Your case was passed to an officer',
  },
  'notice.declaration_case.referred.body': {
    vi: 'Không thể gửi thông báo đến đơn vị (mã số thuế {employerTaxCode}, {code}); cán bộ sẽ xem xét vụ việc {caseId}.',
    en: 'The employer (tax code {employerTaxCode}) cannot be notified ({code}); an officer will look at case {caseId}.',
  },

  // The case's timeline.
  'declarationCase.step.opened': { vi: 'Mở vụ việc', en: 'Case opened' },
  'declarationCase.step.referred': { vi: 'Chuyển cán bộ', en: 'Passed to an officer' },
  'declarationCase.step.employer_notified': { vi: 'Đã thông báo đơn vị', en: 'Employer notified' },
  'declarationCase.step.escalated': { vi: 'Chuyển thanh tra', en: 'Passed to the inspectors' },
  'declarationCase.step.arrears_confirmed': { vi: 'Xác nhận nợ đóng', en: 'Arrears confirmed' },
  'declarationCase.step.declared': { vi: 'Đơn vị đã khai báo', en: 'The employer declared the months' },
  'declarationCase.step.credited': { vi: 'Các tháng đã được ghi nhận', en: 'The months are credited' },

  // `ansinh case …` (cli/commands/case.ts): its lines and its --help.
  'cli.case.summary': {
    vi: 'vụ việc {id}: đơn vị {employer}, {from}–{to}, {status}',
    en: 'case {id}: employer {employer}, {from}–{to}, {status}',
  },
  'cli.case.due': { vi: 'hạn trả lời của đơn vị: {due}', en: "the employer's deadline: {due}" },
  'cli.case.referral': { vi: 'chuyển cán bộ: {code}', en: 'passed to an officer: {code}' },
  'cli.case.step': { vi: '  {on}  {step}', en: '  {on}  {step}' },
  'cli.case.status.awaiting_employer': { vi: 'chờ đơn vị trả lời', en: 'awaiting the employer' },
  'cli.case.status.escalated': { vi: 'đã chuyển thanh tra', en: 'passed to the inspectors' },
  'cli.case.status.arrears': { vi: 'chờ đóng nợ', en: 'awaiting payment of arrears' },
  'cli.case.status.referred': { vi: 'chuyển cán bộ', en: 'passed to an officer' },
  'cli.case.status.closed': { vi: 'đã kết thúc', en: 'closed' },
  'cli.help.ansinh.case': {
    vi: 'vụ việc đơn vị chưa khai báo hoặc chưa đóng: mở, xem, xác nhận nợ',
    en: 'cases against an employer that has not declared or paid: open, show, arrears',
  },
  'cli.help.ansinh.case.open': {
    vi: 'mở vụ việc: lưu lại, thông báo đơn vị với hạn 10 ngày làm việc',
    en: 'open a case: stored, the employer notified with a deadline of 10 working days',
  },
  'cli.help.ansinh.case.open.<file.json>': {
    vi: '{ personalId, employerTaxCode, fromMonth, toMonth, anonymous?, employerCategory? }',
    en: '{ personalId, employerTaxCode, fromMonth, toMonth, anonymous?, employerCategory? }',
  },
  'cli.help.ansinh.case.open.--by': { vi: 'người mở vụ việc', en: 'who opens the case' },
  'cli.help.ansinh.case.show': {
    vi: 'một vụ việc: các tháng, hạn trả lời và từng bước',
    en: 'a case: its months, its deadline and every step',
  },
  'cli.help.ansinh.case.show.<caseId>': { vi: 'mã vụ việc', en: 'the case id' },
  'cli.help.ansinh.case.arrears': {
    vi: 'xác nhận nợ đóng: vụ việc mở cho đến khi các tháng được đóng và ghi nhận',
    en: 'confirm arrears: the case stays open until the months are paid and credited',
  },
  'cli.help.ansinh.case.arrears.<caseId>': { vi: 'mã vụ việc', en: 'the case id' },
  'cli.help.ansinh.case.arrears.--officer': { vi: 'cán bộ xác nhận', en: 'the confirming officer' },

  // The console's pages (console/views/declaration-cases.tsx).
  'nav.me.cases': { vi: 'Phản ánh đơn vị', en: 'My employer cases' },
  'dc.title': {
    vi: 'Đơn vị chưa khai báo hoặc chưa đóng bảo hiểm',
    en: 'My employer has not declared or paid my months',
  },
  'dc.intro': {
    vi: 'Nếu đơn vị chưa khai báo hoặc chưa đóng bảo hiểm cho các tháng Ông/Bà đã làm việc, hãy mở một vụ việc. Đơn vị sẽ được yêu cầu khai báo hoặc giải trình trong 10 ngày làm việc.',
    en: 'If your employer has not declared or paid the months you worked, open a case. The employer will be asked to declare them or explain within 10 working days.',
  },
  'dc.empty': { vi: 'Ông/Bà chưa có vụ việc nào.', en: 'You have no case.' },
  'dc.caseLine': {
    vi: 'Vụ việc {id}: đơn vị {employer}, {from}–{to}',
    en: 'Case {id}: employer {employer}, {from}–{to}',
  },
  'dc.open.title': { vi: 'Mở vụ việc mới', en: 'Open a case' },
  'dc.open.employer': { vi: 'Mã số thuế của đơn vị', en: "The employer's tax code" },
  'dc.open.from': { vi: 'Từ tháng', en: 'From month' },
  'dc.open.to': { vi: 'Đến tháng', en: 'To month' },
  'dc.open.anonymous': {
    vi: 'Giữ bí mật danh tính của tôi với đơn vị (Luật Tố cáo 2018, Điều 9)',
    en: 'Keep my identity from the employer (Law on Denunciations 2018, Art.9)',
  },
  'dc.open.defence': {
    vi: 'Đơn vị thuộc Bộ Quốc phòng hoặc Bộ Công an',
    en: 'The employer is a unit of the Ministry of National Defence or of Public Security',
  },
  'dc.open.submit': { vi: 'Mở vụ việc', en: 'Open the case' },
  'dc.case.title': { vi: 'Vụ việc {id}', en: 'Case {id}' },
  'dc.case.employer': { vi: 'Đơn vị (mã số thuế)', en: 'Employer (tax code)' },
  'dc.case.months': { vi: 'Các tháng', en: 'Months' },
  'dc.case.status': { vi: 'Tình trạng', en: 'Status' },
  'dc.case.due': { vi: 'Hạn trả lời của đơn vị', en: "The employer's deadline" },
  'dc.case.anonymous': { vi: 'Giữ bí mật danh tính', en: 'Anonymous towards the employer' },
  'dc.case.timeline': { vi: 'Các bước', en: 'Steps' },
  'dc.case.monthsTitle': { vi: 'Từng tháng', en: 'Month by month' },
  'dc.case.month': { vi: 'Tháng', en: 'Month' },
  'dc.case.declared': { vi: 'Đã khai báo', en: 'Declared' },
  'dc.case.credited': { vi: 'Đã ghi nhận', en: 'Credited' },
  'dc.yes': { vi: 'Có', en: 'Yes' },
  'dc.no': { vi: 'Chưa', en: 'No' },
  'dc.arrears.title': { vi: 'Xác nhận nợ đóng', en: 'Confirm arrears' },
  'dc.arrears.intro': {
    vi: 'Xác nhận đơn vị nợ đóng các tháng này: vụ việc tiếp tục mở cho đến khi các tháng được đóng và ghi nhận.',
    en: 'Confirm that the employer owes these months: the case stays open until they are paid and credited.',
  },
  'dc.arrears.submit': { vi: 'Xác nhận nợ đóng', en: 'Confirm arrears' },
  'dc.arrears.notNow': {
    vi: 'Chỉ xác nhận được khi vụ việc đang chờ đơn vị hoặc đã chuyển thanh tra.',
    en: 'Arrears can be confirmed only while the case awaits the employer or the inspectors.',
  },
});
