/**
 * A claim's state in words (issue #13): what it waits for, and each eligibility condition's
 * finding, written from codes and parameters (workflows/definitions.ts ClaimWaiting, the
 * evaluation's figures) rather than the English sentence the state also carries.
 */
import { section } from './entry';

export const claimWords = section({
  'claim.waiting.intake': {
    vi: 'Đang đánh giá quá trình đóng bảo hiểm thất nghiệp',
    en: 'Intake: evaluating the credited contribution history',
  },
  'claim.waiting.decision': {
    vi: 'Chờ quyết định của cán bộ (hạn theo luật {date})',
    en: "The officer's decision (legal deadline {date})",
  },
  'claim.waiting.rejected': { vi: 'Không còn gì: hồ sơ đã bị từ chối', en: 'Nothing: the claim was rejected' },
  'claim.waiting.benefit_end': {
    vi: 'Kết thúc thời gian hưởng vào ngày {date}',
    en: 'The end of the benefit period on {date}',
  },
  'claim.waiting.month_start': {
    vi: 'Bắt đầu tháng hưởng thứ {month} vào ngày {date}',
    en: 'The start of benefit month {month} on {date}',
  },
  'claim.waiting.report': {
    vi: 'Thông báo tìm kiếm việc làm cho tháng hưởng thứ {month} (hạn {date})',
    en: 'The job-search report for benefit month {month} (due by {date})',
  },
  'claim.waiting.payment': {
    vi: 'Chi trả tháng hưởng thứ {month} (hạn {date})',
    en: 'The payment of benefit month {month} (due by {date})',
  },
  'claim.waiting.coverage_close': {
    vi: 'Khép lại thẻ bảo hiểm y tế',
    en: 'The health coverage to close',
  },
  'claim.waiting.closed': { vi: 'Không còn gì: hồ sơ ở trạng thái {status}', en: 'Nothing: the claim is {status}' },
  'claim.waiting.unreachable': {
    vi: 'Quy trình của hồ sơ (tạm thời không truy cập được)',
    en: 'Its workflow (not reachable now)',
  },
  'claim.cond.lawful_termination.ok': {
    vi: 'Hợp đồng chấm dứt do {reason}, không loại trừ quyền hưởng.',
    en: 'The contract ended by {reason}, which does not exclude the benefit.',
  },
  'claim.cond.lawful_termination.fail': {
    vi: 'Người lao động đơn phương chấm dứt hợp đồng trái pháp luật, nên không được hưởng.',
    en: 'The employee ended the contract unilaterally and unlawfully, which excludes the benefit.',
  },
  'claim.cond.not_eligible_for_pension.ok': {
    vi: 'Khi chấm dứt hợp đồng, người lao động chưa đủ điều kiện hưởng lương hưu.',
    en: 'The employee was not eligible for a pension when the contract ended.',
  },
  'claim.cond.not_eligible_for_pension.fail': {
    vi: 'Khi chấm dứt hợp đồng, người lao động đã đủ điều kiện hưởng lương hưu, nên không được hưởng theo Luật 74/2025.',
    en: 'The employee was eligible for a pension when the contract ended, which excludes the benefit under Law 74/2025.',
  },
  'claim.cond.not_receiving_pension.ok': {
    vi: 'Người lao động không đang hưởng lương hưu hằng tháng (theo Luật 38/2013, chỉ đủ điều kiện hưởng thì không bị loại trừ).',
    en: 'The employee does not receive a monthly pension (under Law 38/2013 being merely eligible for one does not exclude the benefit).',
  },
  'claim.cond.not_receiving_pension.fail': {
    vi: 'Người lao động đang hưởng lương hưu hằng tháng, nên không được hưởng theo Luật 38/2013.',
    en: 'The employee receives a monthly pension, which excludes the benefit under Law 38/2013.',
  },
  'claim.cond.contribution_months': {
    vi: '{n} tháng đóng trong {window} tháng từ {from} đến {to}; cần ít nhất {min} tháng.',
    en: '{n} months of contributions in the {window} months {from} to {to}; at least {min} are required.',
  },
  'claim.cond.filed_in_time.ok': {
    vi: 'Nộp hồ sơ ngày {filed}, trong vòng {months} tháng kể từ khi chấm dứt hợp đồng (hạn cuối {deadline}).',
    en: 'Filed on {filed}, within {months} months of termination (last day {deadline}).',
  },
  'claim.cond.filed_in_time.fail': {
    vi: 'Nộp hồ sơ ngày {filed}, sau hạn cuối {deadline} ({months} tháng kể từ khi chấm dứt hợp đồng).',
    en: 'Filed on {filed}, after the last day to file, {deadline} ({months} months after termination).',
  },
  'claim.cond.no_new_covered_job.ok': {
    vi: 'Không có việc làm thuộc diện bảo hiểm xã hội bắt buộc trong {days} kể từ khi nộp hồ sơ.',
    en: 'No job covered by compulsory social insurance within {days} of filing.',
  },
  'claim.cond.no_new_covered_job.fail': {
    vi: 'Người lao động đã có việc làm thuộc diện bảo hiểm xã hội bắt buộc trong {days} kể từ khi nộp hồ sơ.',
    en: 'The employee took a job covered by compulsory social insurance within {days} of filing.',
  },
  'claim.cond.days.working': { vi: '{n} ngày làm việc', en: '{n} working days' },
  'claim.cond.days.calendar': { vi: '{n} ngày', en: '{n} days' },
  'claim.cond.no_active_claim.ok': {
    vi: 'Không đang hưởng trợ cấp thất nghiệp khác.',
    en: 'No other unemployment benefit is being received.',
  },
  'claim.cond.no_active_claim.fail': {
    vi: 'Người lao động đang hưởng trợ cấp thất nghiệp theo một quyết định khác.',
    en: 'The employee already receives unemployment benefit under another decision.',
  },
});
