/**
 * Texts of account-access recovery (issue #14 part 3): its refusals, its notices (started, completed
 * on the old and on the new address, expired) and the console's recovery pages.
 */
import { section } from './entry';

export const recovery = section({
  'problem.RECOVERY_ALREADY_OPEN.title': { vi: 'Đang có yêu cầu khôi phục', en: 'Recovery already under way' },
  'problem.RECOVERY_NOT_FOUND.title': { vi: 'Không có yêu cầu khôi phục', en: 'No such recovery' },
  'problem.RECOVERY_NO_CODE.title': { vi: 'Không có mã đang chờ', en: 'No code waiting' },
  'problem.SIGN_IN_NOT_FRESH.title': { vi: 'Cần đăng nhập lại', en: 'Sign-in not fresh' },
  'problem.TOKEN_REVOKED.title': { vi: 'Mã truy cập đã bị thu hồi', en: 'Token revoked' },
  'problem.INVALID_DOCUMENT_KIND.title': { vi: 'Loại giấy tờ không hợp lệ', en: 'Invalid document kind' },
  'problem.INVALID_DOCUMENT_DIGITS.title': { vi: 'Ký tự giấy tờ không hợp lệ', en: 'Invalid document characters' },
  'problem.INVALID_CODE.title': { vi: 'Mã không hợp lệ', en: 'Invalid code' },
  'problem.REFUSED.title': { vi: 'Bị từ chối', en: 'Refused' },
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
  'officer.nav.recovery': { vi: 'Khôi phục truy cập', en: 'Access recovery' },
  'recovery.title': { vi: 'Khôi phục quyền truy cập tài khoản', en: 'Recover access to your account' },
  'recovery.intro': {
    vi: 'Nếu Ông/Bà mất quyền truy cập (mất địa chỉ thư điện tử hoặc thiết bị), hãy đăng nhập lại bằng VNeID mức 2 rồi ghi địa chỉ thư điện tử mới; mã xác nhận sẽ được gửi tới địa chỉ đó. Khi hoàn tất, mọi phiên đăng nhập cũ bị thu hồi. Cũng có thể đến cơ quan bảo hiểm xã hội để cán bộ xác minh trực tiếp.',
    en: 'If you lost access (your e-mail address or a device), sign in again with VNeID level 2 and give a new e-mail address; a code is sent to it. Once done, every earlier sign-in is revoked. You may also go to a social-insurance office, where an officer verifies you in person.',
  },
  'recovery.signIn': { vi: 'Đăng nhập bằng VNeID', en: 'Sign in with VNeID' },
  'recovery.signInAgain': { vi: 'Đăng nhập lại bằng VNeID', en: 'Sign in again with VNeID' },
  'recovery.fresh': {
    vi: 'Cần đăng nhập VNeID trong vòng 15 phút gần nhất.',
    en: 'This needs a VNeID sign-in within the last 15 minutes.',
  },
  'recovery.start': { vi: 'Bắt đầu khôi phục', en: 'Start the recovery' },
  'recovery.desk.personalId': { vi: 'Số định danh cá nhân của người đến', en: 'Personal ID of the person at the desk' },
  'recovery.desk.start': { vi: 'Tạo yêu cầu khôi phục tại quầy', en: 'Start a recovery at the desk' },
  'recovery.status': { vi: 'Trạng thái', en: 'Status' },
  'recovery.expires': { vi: 'Hết hạn', en: 'Expires' },
  'recovery.status.intake': { vi: 'Đang tiếp nhận', en: 'Being received' },
  'recovery.status.awaiting_identity': { vi: 'Chờ xác minh trực tiếp', en: 'Awaiting in-person verification' },
  'recovery.status.awaiting_contact': { vi: 'Chờ địa chỉ thư điện tử mới', en: 'Awaiting the new e-mail address' },
  'recovery.status.awaiting_code': { vi: 'Chờ mã xác nhận', en: 'Awaiting the code' },
  'recovery.status.completed': { vi: 'Đã hoàn tất', en: 'Completed' },
  'recovery.status.expired': { vi: 'Đã hết hạn', en: 'Expired' },
  'recovery.verify.title': { vi: 'Xác minh trực tiếp', en: 'In-person verification' },
  'recovery.verify.hint': {
    vi: 'Đối chiếu giấy tờ với người đến; chỉ ghi 4 ký tự cuối của số giấy tờ, không ghi cả số.',
    en: 'Check the document against the person; record only its last 4 characters, never the whole number.',
  },
  'recovery.verify.kind': { vi: 'Loại giấy tờ', en: 'Document' },
  'recovery.verify.last4': { vi: '4 ký tự cuối', en: 'Last 4 characters' },
  'recovery.verify.submit': { vi: 'Xác nhận đã xác minh', en: 'Record the verification' },
  'recovery.verify.wait': {
    vi: 'Yêu cầu đang chờ cán bộ xác minh trực tiếp.',
    en: 'The recovery waits for an officer to verify the person in person.',
  },
  'recovery.doc.cccd': { vi: 'Căn cước công dân', en: 'Citizen identity card' },
  'recovery.doc.passport': { vi: 'Hộ chiếu', en: 'Passport' },
  'recovery.doc.vneid_app': { vi: 'Ứng dụng VNeID', en: 'VNeID app' },
  'recovery.contact.title': { vi: 'Địa chỉ thư điện tử mới', en: 'New e-mail address' },
  'recovery.contact.email': { vi: 'Thư điện tử', en: 'E-mail' },
  'recovery.contact.submit': { vi: 'Gửi mã xác nhận', en: 'Send the code' },
  'recovery.code.title': { vi: 'Mã xác nhận', en: 'Confirmation code' },
  'recovery.code.hint': {
    vi: 'Nhập mã 6 chữ số đã gửi tới địa chỉ mới; mã có hiệu lực 10 phút.',
    en: 'Type the 6-digit code sent to the new address; it is valid for 10 minutes.',
  },
  'recovery.code.label': { vi: 'Mã', en: 'Code' },
  'recovery.code.submit': { vi: 'Xác nhận', en: 'Confirm' },
  'recovery.completed': {
    vi: 'Đã khôi phục quyền truy cập. Mọi phiên đăng nhập cũ đã bị thu hồi; hãy đăng nhập lại.',
    en: 'Access is recovered. Every earlier sign-in was revoked; sign in again.',
  },
  'recovery.expired': {
    vi: 'Yêu cầu đã hết hạn mà chưa hoàn tất; có thể tạo yêu cầu mới.',
    en: 'The recovery expired before it was completed; you may start a new one.',
  },
  'cli.recovery.head': { vi: 'yêu cầu khôi phục {id} ({method}): {status}', en: 'recovery {id} ({method}): {status}' },
  'cli.recovery.method.vneid': { vi: 'VNeID', en: 'VNeID' },
  'cli.recovery.method.in_person': { vi: 'trực tiếp', en: 'in person' },
  'cli.recovery.expires': { vi: '  hết hạn: {at}', en: '  expires: {at}' },
  'cli.recovery.codeUntil': { vi: '  mã có hiệu lực đến: {at}', en: '  code valid until: {at}' },
  'cli.recovery.verified': { vi: '  đã xác minh: có ({document})', en: '  verified: yes ({document})' },
  'cli.recovery.notVerified': { vi: '  đã xác minh: chưa', en: '  verified: not yet' },
  'cli.help.ansinh.recovery': {
    vi: 'khôi phục quyền truy cập tại quầy: tạo, xác minh trực tiếp, địa chỉ mới, mã, xem',
    en: 'account-access recovery at the desk: start, verify in person, new address, code, show',
  },
  'cli.help.ansinh.recovery.start': {
    vi: 'tạo yêu cầu khôi phục cho người đến quầy (xác minh trực tiếp sau đó)',
    en: 'start a recovery for a person at the desk (identified next by the in-person verification)',
  },
  'cli.help.ansinh.recovery.start.--personal-id': {
    vi: 'số định danh cá nhân (12 chữ số)',
    en: 'the participant (12 digits)',
  },
  'cli.help.ansinh.recovery.start.--officer': { vi: 'cán bộ tại quầy', en: 'the officer at the desk' },
  'cli.help.ansinh.recovery.verify': { vi: 'đã xác minh trực tiếp người đến', en: 'the person was verified in person' },
  'cli.help.ansinh.recovery.verify.--document': {
    vi: 'cccd, passport hoặc vneid_app',
    en: 'cccd, passport or vneid_app',
  },
  'cli.help.ansinh.recovery.verify.--last4': {
    vi: '4 ký tự cuối của số giấy tờ (không ghi cả số)',
    en: 'the last 4 characters of the document (never the whole number)',
  },
  'cli.help.ansinh.recovery.verify.--officer': { vi: 'cán bộ xác minh', en: 'the verifying officer' },
  'cli.help.ansinh.recovery.contact': {
    vi: 'địa chỉ thư điện tử mới; mã xác nhận (10 phút) được gửi tới đó',
    en: 'the new e-mail address; a one-time code (10 minutes) goes to it',
  },
  'cli.help.ansinh.recovery.contact.--email': {
    vi: 'địa chỉ thư điện tử mới: mã được gửi tới đó',
    en: 'the new e-mail address: a code is sent to it',
  },
  'cli.help.ansinh.recovery.contact.--officer': { vi: 'cán bộ nhập địa chỉ', en: 'the officer entering it' },
  'cli.help.ansinh.recovery.confirm': {
    vi: 'xác nhận mã: hoàn tất khôi phục, thu hồi mọi phiên đăng nhập cũ của người đó',
    en: 'confirm the code: the recovery completes and every older token and session of the person is revoked',
  },
  'cli.help.ansinh.recovery.confirm.--code': { vi: 'mã người đó nhận được', en: 'the code the person received' },
  'cli.help.ansinh.recovery.confirm.--officer': { vi: 'cán bộ nhập mã', en: 'the officer entering it' },
  'cli.help.ansinh.recovery.show': {
    vi: 'một yêu cầu khôi phục: trạng thái, hạn, mã đang chờ',
    en: 'a recovery: status, deadline, whether a code is waiting',
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
  // The SMS to the old phone (services/sms.ts): GSM 7-bit, one message (≤ 160), without diacritics.
  'sms.recovery.completed': {
    vi: 'Ansinh: quyen truy cap tai khoan cua Ong/Ba da duoc khoi phuc ngay {completedOn}. Neu khong phai Ong/Ba, hay lien he ngay co quan BHXH.',
    en: 'Ansinh: access to your account was recovered on {completedOn}. If it was not you, contact the social-insurance office at once.',
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
