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
  'problem.INVALID_DISMISSAL.title': { vi: 'Lý do đình chỉ không hợp lệ', en: 'Invalid dismissal' },
  'problem.INVALID_DISMISSAL': {
    vi: 'Việc đình chỉ vụ việc cần cán bộ và một lý do: người lao động rút đơn, trùng lặp, hoặc không có căn cứ sau thanh tra.',
    en: 'A dismissal needs the officer and a reason: withdrawn by the participant, a duplicate, or unfounded after inspection.',
  },
  'problem.INVALID_REFERRAL_CLOSURE.title': {
    vi: 'Kết quả chuyển cán bộ không hợp lệ',
    en: 'Invalid referral closure',
  },
  'problem.INVALID_REFERRAL_CLOSURE': {
    vi: 'Kết quả là đã xác định được đơn vị (kèm mã số thuế) hoặc ngoài hệ thống (kèm nơi người lao động cần liên hệ).',
    en: 'The outcome is the employer identified (with its tax code) or outside the system (with where the participant should turn).',
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
    vi: 'Vụ việc {caseId} với đơn vị (mã số thuế {employerTaxCode}) đã kết thúc: {outcome}.',
    en: 'Case {caseId} against the employer (tax code {employerTaxCode}) is closed: {outcome}.',
  },
  'notice.declaration_case.dismissed.subject': {
    vi: 'Vụ việc của Ông/Bà đã được đình chỉ',
    en: 'Your case was dismissed',
  },
  'notice.declaration_case.dismissed.body': {
    vi: 'Vụ việc {caseId} với đơn vị (mã số thuế {employerTaxCode}) đã được cán bộ đình chỉ: {reason}. Các tháng của vụ việc không còn ghi là đang khiếu nại trên sổ bảo hiểm xã hội.',
    en: 'Case {caseId} against the employer (tax code {employerTaxCode}) was dismissed by an officer: {reason}. Its months are no longer shown as disputed on your social insurance book.',
  },
  'notice.declaration_case.referral_closed.subject': {
    vi: 'Cán bộ đã xử lý vụ việc của Ông/Bà',
    en: 'An officer dealt with your case',
  },
  'notice.declaration_case.referral_closed.body': {
    vi: 'Vụ việc {caseId} (đơn vị mã số thuế {employerTaxCode}) đã được cán bộ xử lý: {ending}',
    en: 'Case {caseId} (employer tax code {employerTaxCode}) was dealt with by an officer: {ending}',
  },
  'notice.declaration_case.referral_closed.identified': {
    vi: 'đã xác định được đơn vị (mã số thuế {identifiedTaxCode}) và mở vụ việc {successorCaseId}; đơn vị sẽ được yêu cầu khai báo hoặc giải trình.',
    en: 'the employer was identified (tax code {identifiedTaxCode}) and case {successorCaseId} opened against it; the employer will be asked to declare or explain.',
  },
  'notice.declaration_case.referral_closed.outside': {
    vi: 'đơn vị nằm ngoài hệ thống bảo hiểm xã hội điện tử. Ông/Bà vui lòng liên hệ {whereToTurn}.',
    en: 'the employer is outside the electronic social insurance system. Please turn to {whereToTurn}.',
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

  'declarationCase.step.dismissed': { vi: 'Cán bộ đình chỉ vụ việc', en: 'Dismissed by an officer' },
  'declarationCase.step.referral_closed': { vi: 'Cán bộ đã xử lý', en: 'Dealt with by an officer' },
  // How a case ended, in words (the notices, the case page, the CLI): never the code.
  'declarationCase.outcome.declared': {
    vi: 'đơn vị đã khai báo các tháng',
    en: 'the employer declared the months',
  },
  'declarationCase.outcome.credited': {
    vi: 'các tháng đã được đóng và ghi nhận',
    en: 'the months are paid and credited',
  },
  'declarationCase.outcome.dismissed': { vi: 'cán bộ đình chỉ vụ việc', en: 'dismissed by an officer' },
  'declarationCase.outcome.employer_identified': {
    vi: 'đã xác định được đơn vị, một vụ việc mới được mở',
    en: 'the employer was identified and a new case opened',
  },
  'declarationCase.outcome.outside_system': {
    vi: 'đơn vị ngoài hệ thống bảo hiểm xã hội điện tử',
    en: 'the employer is outside the electronic social insurance system',
  },
  // Why an officer dismissed a case.
  'declarationCase.reason.withdrawn': { vi: 'người lao động rút đơn', en: 'withdrawn by the participant' },
  'declarationCase.reason.duplicate': {
    vi: 'trùng với một vụ việc khác',
    en: 'it repeats another case',
  },
  'declarationCase.reason.unfounded': {
    vi: 'không có căn cứ sau khi thanh tra',
    en: 'unfounded after inspection',
  },
  // Where a participant whose employer is outside the system turns (rules §8.37).
  'declarationCase.whereToTurn.defence_social_insurance': {
    vi: 'Bảo hiểm xã hội Bộ Quốc phòng',
    en: 'the Social Insurance of the Ministry of National Defence',
  },
  'declarationCase.whereToTurn.public_security_social_insurance': {
    vi: 'Bảo hiểm xã hội Công an nhân dân',
    en: "the Social Insurance of the People's Public Security",
  },
  'declarationCase.whereToTurn.labour_inspectorate': {
    vi: 'thanh tra lao động nơi đơn vị đặt trụ sở',
    en: 'the labour inspectorate where the employer has its seat',
  },
  // The referral's code, in words (the referred notice).
  'declarationCase.referral.EMPLOYER_NOT_FOUND': {
    vi: 'không tìm thấy đơn vị trong cơ sở dữ liệu',
    en: 'the employer is not in the database',
  },
  'declarationCase.referral.EMPLOYER_OUT_OF_SCOPE': {
    vi: 'đơn vị thuộc Bộ Quốc phòng hoặc Bộ Công an',
    en: 'the employer is a unit of the Ministry of National Defence or of Public Security',
  },
  'doc.ebook.disputed': {
    vi: 'Các tháng đang khiếu nại (đơn vị chưa khai báo hoặc chưa đóng):',
    en: 'Months under dispute (the employer has not declared or paid them):',
  },
  'doc.ebook.disputedCase': {
    vi: 'Vụ việc {caseId}: đơn vị mã số thuế {taxCode}, từ {from} đến {to}',
    en: 'Case {caseId}: the employer with tax code {taxCode}, from {from} to {to}',
  },

  // `ansinh case …` (cli/commands/case.ts): its lines and its --help.
  'cli.case.summary': {
    vi: 'vụ việc {id}: đơn vị {employer}, {from}–{to}, {status}',
    en: 'case {id}: employer {employer}, {from}–{to}, {status}',
  },
  'cli.case.due': { vi: 'hạn trả lời của đơn vị: {due}', en: "the employer's deadline: {due}" },
  'cli.case.referral': { vi: 'chuyển cán bộ: {code}', en: 'passed to an officer: {code}' },
  'cli.case.step': { vi: '  {on}  {step}', en: '  {on}  {step}' },
  'cli.case.outcome': { vi: 'kết thúc: {outcome}{reason}', en: 'ended: {outcome}{reason}' },
  'cli.case.reason': { vi: ' ({reason})', en: ' ({reason})' },
  'cli.case.successor': { vi: 'vụ việc mới: {id}', en: 'new case: {id}' },
  'cli.case.status.awaiting_employer': { vi: 'chờ đơn vị trả lời', en: 'awaiting the employer' },
  'cli.case.status.escalated': { vi: 'đã chuyển thanh tra', en: 'passed to the inspectors' },
  'cli.case.status.arrears': { vi: 'chờ đóng nợ', en: 'awaiting payment of arrears' },
  'cli.case.status.referred': { vi: 'chuyển cán bộ', en: 'passed to an officer' },
  'cli.case.status.closed': { vi: 'đã kết thúc', en: 'closed' },
  'cli.help.ansinh.case': {
    vi: 'vụ việc đơn vị chưa khai báo hoặc chưa đóng: mở, xem, xác nhận nợ, đình chỉ, xử lý chuyển cán bộ',
    en: 'cases against an employer that has not declared or paid: open, show, arrears, dismiss, close a referral',
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
  'cli.help.ansinh.case.dismiss': {
    vi: 'đình chỉ vụ việc kèm lý do: vụ việc kết thúc, các việc chờ bị hủy, người lao động được thông báo',
    en: 'dismiss a case with its reason: it closes, its waits are cancelled, the participant is told',
  },
  'cli.help.ansinh.case.dismiss.<caseId>': { vi: 'mã vụ việc', en: 'the case id' },
  'cli.help.ansinh.case.dismiss.--reason': {
    vi: 'withdrawn (rút đơn) | duplicate (trùng lặp) | unfounded (không có căn cứ)',
    en: 'withdrawn | duplicate | unfounded',
  },
  'cli.help.ansinh.case.dismiss.--officer': { vi: 'cán bộ đình chỉ', en: 'the dismissing officer' },
  'cli.help.ansinh.case.close-referral': {
    vi: 'xử lý vụ việc đã chuyển cán bộ: đã xác định được đơn vị (mở vụ việc mới) hoặc ngoài hệ thống',
    en: 'close a referral: the employer identified (a case opens against it), or outside the system',
  },
  'cli.help.ansinh.case.close-referral.<caseId>': { vi: 'mã vụ việc', en: 'the case id' },
  'cli.help.ansinh.case.close-referral.--employer': {
    vi: 'mã số thuế của đơn vị đã xác định: mở vụ việc với đơn vị này',
    en: 'the employer identified: a case opens against it',
  },
  'cli.help.ansinh.case.close-referral.--outside': {
    vi: 'defence_social_insurance | public_security_social_insurance | labour_inspectorate',
    en: 'defence_social_insurance | public_security_social_insurance | labour_inspectorate',
  },
  'cli.help.ansinh.case.close-referral.--officer': { vi: 'cán bộ xử lý', en: 'the closing officer' },

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
  'dc.case.outcome': { vi: 'Kết quả', en: 'How it ended' },
  'dc.case.successor': { vi: 'Vụ việc mới', en: 'New case' },
  'dc.referral.title': { vi: 'Xử lý vụ việc chuyển cán bộ', en: 'Close the referral' },
  'dc.referral.intro': {
    vi: 'Nếu xác định được đơn vị trong hệ thống, một vụ việc mới được mở và đơn vị được thông báo; nếu đơn vị nằm ngoài hệ thống, người lao động được hướng dẫn nơi liên hệ.',
    en: 'If the employer is identified in the system, a new case opens and the employer is notified; if it is outside the system, the participant is told where to turn.',
  },
  'dc.referral.employer': { vi: 'Mã số thuế của đơn vị đã xác định', en: "The identified employer's tax code" },
  'dc.referral.identify': { vi: 'Mở vụ việc với đơn vị này', en: 'Open a case against this employer' },
  'dc.referral.whereToTurn': { vi: 'Nơi người lao động cần liên hệ', en: 'Where the participant should turn' },
  'dc.referral.outside': { vi: 'Đơn vị ngoài hệ thống', en: 'Outside the system' },
  'dc.dismiss.title': { vi: 'Đình chỉ vụ việc', en: 'Dismiss the case' },
  'dc.dismiss.reason': { vi: 'Lý do', en: 'Reason' },
  'dc.dismiss.submit': { vi: 'Đình chỉ vụ việc', en: 'Dismiss the case' },
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
