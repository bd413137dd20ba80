/**
 * Texts of the processes people start themselves (issue #14): the one-time code's notice and the
 * refusals of the code and evidence checks (services/otp.ts, services/evidence.ts).
 */
import { section } from './entry';

export const selfService = section({
  'notice.otp.code.subject': { vi: 'Mã xác nhận Ansinh: {code}', en: 'Your Ansinh confirmation code: {code}' },
  'notice.otp.code.body': {
    vi: 'Mã xác nhận của Ông/Bà là {code}. Mã có hiệu lực trong {minutes} phút và chỉ dùng được một lần. Không cung cấp mã này cho bất kỳ ai, kể cả người tự xưng là cán bộ bảo hiểm xã hội. Nếu Ông/Bà không yêu cầu, hãy bỏ qua thư này.',
    en: 'Your confirmation code is {code}. It is valid for {minutes} minutes and can be used once. Do not give it to anyone, including someone who says they are a social-insurance officer. If you did not ask for it, ignore this message.',
  },
  // The SMS of a code (services/sms.ts): GSM 7-bit, one message (≤ 160), so Vietnamese without diacritics.
  'sms.otp.code': {
    vi: 'Ansinh: ma xac nhan cua Ong/Ba la {code}, hieu luc {minutes} phut, dung mot lan. Khong cung cap ma nay cho bat ky ai.',
    en: 'Ansinh: your confirmation code is {code}, valid for {minutes} minutes, once. Do not give it to anyone.',
  },
  'problem.NO_SMS_GATEWAY': {
    vi: 'Hệ thống chưa có cổng gửi tin nhắn SMS nên chưa thể xác nhận số điện thoại mới; nhờ cán bộ hỗ trợ hoặc thử lại sau.',
    en: 'No SMS gateway is configured, so a new phone number cannot be confirmed; ask an officer or try again later.',
  },
  'problem.NO_SMS_GATEWAY.title': { vi: 'Chưa có cổng SMS', en: 'No SMS gateway' },
  'problem.OTP_NOT_FOUND': {
    vi: 'Không có mã xác nhận nào đang chờ cho bước này; hãy yêu cầu mã mới.',
    en: 'No code is waiting for this step; ask for a new one.',
  },
  'problem.OTP_EXPIRED': {
    vi: 'Mã xác nhận đã hết hạn; hãy yêu cầu mã mới.',
    en: 'The code has expired; ask for a new one.',
  },
  'problem.OTP_LOCKED': {
    vi: 'Đã nhập sai mã quá nhiều lần; hãy yêu cầu mã mới.',
    en: 'Too many wrong codes; ask for a new one.',
  },
  'problem.OTP_WRONG': { vi: 'Mã xác nhận không đúng.', en: 'The code is not right.' },
  'problem.OTP_TOO_MANY': {
    vi: 'Đã gửi quá nhiều mã cho bước này; vui lòng thử lại sau một giờ.',
    en: 'Too many codes were sent for this step; try again in an hour.',
  },
  'problem.OTP_ALREADY_ISSUED': {
    vi: 'Một mã xác nhận cho bước này đang chờ.',
    en: 'A code for this step is already waiting.',
  },
  'problem.EVIDENCE_EMPTY': { vi: 'Tài liệu đính kèm trống.', en: 'The document is empty.' },
  'problem.EVIDENCE_TOO_LARGE': {
    vi: 'Tài liệu đính kèm quá lớn (tối đa 5 MiB).',
    en: 'The document is too large (at most 5 MiB).',
  },
  'problem.EVIDENCE_TYPE': {
    vi: 'Tài liệu đính kèm phải là tệp PDF, JPEG hoặc PNG.',
    en: 'A document must be a PDF, JPEG or PNG file.',
  },
  'problem.EVIDENCE_TYPE_MISMATCH': {
    vi: 'Loại tệp không khớp với nội dung của tệp.',
    en: 'The file is not of the type it says it is.',
  },
  'problem.EVIDENCE_LIMIT': {
    vi: 'Đã đạt số tài liệu tối đa cho một yêu cầu (10).',
    en: 'The most documents one request may have (10) are attached.',
  },
  'problem.EVIDENCE_EXISTS': { vi: 'Tài liệu này đã được đính kèm.', en: 'This document is already attached.' },
  'problem.EVIDENCE_MALFORMED': {
    vi: 'Tệp không đúng cấu trúc của loại tệp đã nhận diện.',
    en: 'The file is not built as its type requires.',
  },
  'problem.EVIDENCE_ACTIVE_CONTENT': {
    vi: 'Không chấp nhận tệp PDF có mã lệnh, lệnh mở chương trình hoặc tệp đính kèm bên trong.',
    en: 'A PDF that runs scripts, launches programs or carries files is not accepted.',
  },
  'problem.UPLOAD_TOO_MANY_PARTS': {
    vi: 'Biểu mẫu chỉ được có một tệp và một vài trường.',
    en: 'A form carries one file and a few fields.',
  },
  'problem.OTP_KEY_TAKEN': {
    vi: 'Mã xác nhận của bước này được gửi cho người khác.',
    en: "This step's codes go to someone else.",
  },
  'problem.INVALID_UPLOAD': { vi: 'Không đọc được biểu mẫu tải lên.', en: 'The upload form could not be read.' },
  'problem.INVALID_FILENAME': {
    vi: 'Tên tệp phải có từ 1 đến 120 ký tự.',
    en: 'A file name has 1 to 120 characters.',
  },
});
