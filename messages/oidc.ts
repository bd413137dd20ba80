/** Signing in through OpenID Connect (VNeID), and its refusals (issue #12). */
import { section } from './entry';

export const oidc = section({
  'oidc.refused.title': { vi: 'Không đăng nhập được', en: 'Sign-in refused' },
  'oidc.refused.level': {
    vi: 'Người tham gia cần tài khoản định danh điện tử VNeID mức 2 để xem sổ BHXH. Tài khoản của bạn đang ở mức {level}. Vui lòng nâng cấp lên mức 2 (tại cơ quan công an hoặc trên ứng dụng VNeID) rồi đăng nhập lại.',
    en: 'Participants need a VNeID level 2 electronic identity to see their SI book. Yours is level {level}. Please upgrade to level 2 (at the police office or in the VNeID app), then sign in again.',
  },
  'oidc.refused.state': {
    vi: 'Phản hồi đăng nhập không khớp với phiên đăng nhập này (có thể đã quá hạn hoặc bị mở ở trang khác). Vui lòng đăng nhập lại.',
    en: 'The sign-in answer does not belong to this sign-in (it may have expired, or come from another tab). Please sign in again.',
  },
  'oidc.refused.token': {
    vi: 'Mã truy cập do nhà cung cấp định danh cấp không được hệ thống chấp nhận.',
    en: 'The identity provider’s access token is not accepted by the system.',
  },
  'oidc.refused.provider': {
    vi: 'Nhà cung cấp định danh đã từ chối hoặc không trả lời yêu cầu đăng nhập.',
    en: 'The identity provider refused or did not answer the sign-in.',
  },
  'oidc.refused.fresh': {
    vi: 'Khôi phục quyền truy cập cần một lần đăng nhập VNeID mới (trong vòng 15 phút), nhưng nhà cung cấp định danh trả về một lần đăng nhập cũ hơn. Vui lòng đăng nhập lại.',
    en: 'An access recovery needs a new VNeID sign-in (within 15 minutes), but the identity provider answered with an older one. Please sign in again.',
  },
  'oidc.again': { vi: 'Đăng nhập lại', en: 'Sign in again' },
});
