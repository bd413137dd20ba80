/** The language preference form on the participant's and the employer's pages (issue 13). */
import { section } from './entry';

export const preferences = section({
  'prefs.title': { vi: 'Ngôn ngữ thông báo', en: 'Language of notices' },
  'prefs.intro': {
    vi: 'Thư điện tử, thông báo và tệp PDF gửi cho bạn sẽ được viết bằng ngôn ngữ này; trang quản lý cũng chuyển sang ngôn ngữ đó.',
    en: 'The e-mails, notices and PDF files sent to you are written in this language; the console switches to it too.',
  },
  'prefs.lang.vi': { vi: 'Tiếng Việt', en: 'Vietnamese' },
  'prefs.lang.en': { vi: 'Tiếng Anh', en: 'English' },
  'prefs.save': { vi: 'Lưu ngôn ngữ', en: 'Save the language' },
  'prefs.saved': { vi: 'Đã lưu ngôn ngữ thông báo.', en: 'The language of your notices is saved.' },
});
