/**
 * Texts of account-access recovery (issue #14 part 3): its refusals, its notices (started, completed
 * on the old and on the new address, expired) and the console's recovery pages.
 */
import { section } from './entry';

export const recovery = section({
  'problem.RECOVERY_ALREADY_OPEN': {
    vi: 'Người tham gia này đang có một yêu cầu khôi phục quyền truy cập chưa hoàn tất.',
    en: 'This participant already has an account-access recovery under way.',
  },
  'problem.RECOVERY_NOT_FOUND': { vi: 'Không có yêu cầu khôi phục này.', en: 'No such recovery.' },
  'problem.RECOVERY_NO_CODE': {
    vi: 'Không có mã xác nhận nào đang chờ cho yêu cầu khôi phục này; hãy nhập lại địa chỉ thư điện tử mới.',
    en: 'No code is waiting for this recovery; give the new e-mail address again.',
  },
  'problem.SIGN_IN_NOT_FRESH': {
    vi: 'Khôi phục quyền truy cập cần đăng nhập VNeID mức 2 trong vòng 15 phút; hãy đăng nhập lại.',
    en: 'Account recovery needs a VNeID level-2 sign-in within the last 15 minutes; sign in again.',
  },
  'problem.TOKEN_REVOKED': {
    vi: 'Phiên đăng nhập này đã bị thu hồi sau khi khôi phục quyền truy cập; hãy đăng nhập lại.',
    en: 'This sign-in was revoked when the account’s access was recovered; sign in again.',
  },
  'problem.INVALID_DOCUMENT_KIND': {
    vi: 'Loại giấy tờ là căn cước công dân (cccd), hộ chiếu (passport) hoặc ứng dụng VNeID (vneid_app).',
    en: 'The document is a citizen identity card (cccd), a passport or the VNeID app (vneid_app).',
  },
  'problem.INVALID_DOCUMENT_DIGITS': {
    vi: 'Chỉ ghi 4 ký tự cuối (chữ số hoặc chữ in hoa) của số giấy tờ, không ghi cả số.',
    en: 'Give only the last 4 characters (digits or capital letters) of the document, never the whole number.',
  },
  'problem.INVALID_CODE': { vi: 'Mã xác nhận gồm 6 chữ số.', en: 'A code is 6 digits.' },
  'problem.REFUSED': { vi: 'Yêu cầu bị từ chối.', en: 'The request was refused.' },

  'officer.kind.recovery.verification': {
    vi: 'Xác minh trực tiếp để khôi phục quyền truy cập',
    en: 'In-person verification for an account recovery',
  },
  'op.kind.recovery.verification': {
    vi: 'Xác minh trực tiếp để khôi phục quyền truy cập',
    en: 'In-person verification for an account recovery',
  },
  'notice.recovery.started.subject': {
    vi: 'Yêu cầu khôi phục quyền truy cập tài khoản Ansinh',
    en: 'Your Ansinh account: an access recovery was started',
  },
  'notice.recovery.started.body': {
    vi: 'Một yêu cầu khôi phục quyền truy cập tài khoản của Ông/Bà (số {recoveryId}) vừa được tạo; yêu cầu hết hạn ngày {expiresOn} nếu chưa hoàn tất. Nếu không phải Ông/Bà yêu cầu, hãy liên hệ ngay cơ quan bảo hiểm xã hội.',
    en: 'An access recovery of your account (number {recoveryId}) was just started; it expires on {expiresOn} if not completed. If it was not you, contact the social-insurance office at once.',
  },
  'notice.recovery.completed.subject': {
    vi: 'Đã khôi phục quyền truy cập tài khoản Ansinh',
    en: 'Your Ansinh account: access recovered',
  },
  'notice.recovery.completed.body': {
    vi: 'Quyền truy cập tài khoản của Ông/Bà đã được khôi phục ngày {completedOn} (yêu cầu số {recoveryId}): địa chỉ thư điện tử mới đã được ghi nhận và mọi phiên đăng nhập trước đó đã bị thu hồi. Nếu không phải Ông/Bà, hãy liên hệ ngay cơ quan bảo hiểm xã hội.',
    en: 'Access to your account was recovered on {completedOn} (recovery {recoveryId}): the new e-mail address is on file and every earlier sign-in was revoked. If it was not you, contact the social-insurance office at once.',
  },
  'notice.recovery.expired.subject': {
    vi: 'Yêu cầu khôi phục quyền truy cập đã hết hạn',
    en: 'Your Ansinh account: the access recovery expired',
  },
  'notice.recovery.expired.body': {
    vi: 'Yêu cầu khôi phục quyền truy cập số {recoveryId} đã hết hạn mà chưa hoàn tất; không có gì thay đổi. Ông/Bà có thể tạo yêu cầu mới.',
    en: 'Access recovery {recoveryId} expired before it was completed; nothing changed. You may start a new one.',
  },
});
