/**
 * What `ansinh start` tells the person who ran it (runtime/stack.ts): each part as it comes up;
 * and commander's refusals of a command line (cli/usage.ts). Addresses, paths and flags are data.
 */
import { section } from './entry';

export const stack = section({
  'cli.stack.ebooks_upgraded': {
    vi: 'sổ điện tử: {count} sổ được dựng lại theo {schema}',
    en: 'e-books: {count} re-rendered to {schema}',
  },
  'cli.stack.database.postgres': {
    vi: 'cơ sở dữ liệu: PostgreSQL (DATABASE_URL), đã cập nhật cấu trúc',
    en: 'database: PostgreSQL (DATABASE_URL), migrated',
  },
  'cli.stack.database.pglite': {
    vi: 'cơ sở dữ liệu: PGlite nhúng tại {dir}, đã cập nhật cấu trúc',
    en: 'database: embedded PGlite in {dir}, migrated',
  },
  'cli.stack.temporal_starting': {
    vi: 'temporal: đang khởi động máy chủ phát triển cục bộ ({binary})',
    en: 'temporal: starting a local dev server ({binary})',
  },
  'cli.stack.temporal_download': { vi: 'tải qua SDK', en: 'SDK download' },
  'cli.stack.relay': { vi: 'chuyển thư: {relay}', en: 'relay: {relay}' },
  'cli.stack.relay_smtp': { vi: 'smtp {host}', en: 'smtp {host}' },
  'cli.stack.relay_inbox': {
    vi: 'chỉ hộp thư trong ứng dụng (chưa đặt SMTP_URL)',
    en: 'inbox only (no SMTP_URL)',
  },
  'cli.stack.relay_sms': { vi: 'sms {host}', en: 'sms {host}' },
  'cli.stack.relay_no_sms': {
    vi: 'không gửi SMS (chưa đặt SMS_GATEWAY_URL: không nhận thay đổi số điện thoại)',
    en: 'no SMS (no SMS_GATEWAY_URL: phone changes are refused)',
  },
  'cli.stack.relay_off': {
    vi: 'tắt (chưa đặt SMTP_URL): thông báo nằm chờ trong hàng đợi',
    en: 'off (no SMTP_URL): notices stay queued',
  },
  'cli.stack.temporal': {
    vi: 'temporal: {address} (namespace {namespace}, hàng đợi tác vụ {queue})',
    en: 'temporal: {address} (namespace {namespace}, task queue {queue})',
  },
  'cli.stack.temporal_ui': { vi: 'giao diện temporal: {url}', en: 'temporal ui: {url}' },
  'cli.stack.temporal_ui_elsewhere': {
    vi: 'giao diện temporal: xem hệ thống Temporal của bạn',
    en: 'temporal ui: see your Temporal deployment',
  },
  'cli.stack.api': {
    vi: 'api: {url} (OpenAPI tại {url}/openapi.json, tài liệu tại {url}/docs)',
    en: 'api: {url} (OpenAPI at {url}/openapi.json, docs at {url}/docs)',
  },
  'cli.stack.console': {
    vi: 'bảng điều khiển: {url}/console (đăng nhập phát triển: chọn một vai trò)',
    en: 'console: {url}/console (development sign-in: pick a role)',
  },
  'cli.stack.dev_tokens': {
    vi: 'mã truy cập api: khóa phát triển trong {home} — tạo một mã bằng `npx ansinh token mint --role officer`',
    en: 'api tokens: development key in {home} — mint one with `npx ansinh token mint --role officer`',
  },
  'cli.stack.ready': { vi: 'sẵn sàng — nhấn Ctrl-C để dừng', en: 'ready — press Ctrl-C to stop' },
  'cli.stack.metrics': {
    vi: 'số đo Prometheus: api {api}, worker {worker}',
    en: 'Prometheus metrics: api {api}, worker {worker}',
  },
  // The ordered stop (runtime/stack.ts), one line per part as it has stopped.
  'cli.stack.stopping': {
    vi: 'đang dừng: api báo chưa sẵn sàng và trả lời nốt các yêu cầu đang xử lý',
    en: 'stopping: the api reports not ready and answers the requests in flight',
  },
  'cli.stack.stopped.api': { vi: 'api đã dừng', en: 'api stopped' },
  'cli.stack.stopped.relay': { vi: 'chuyển thư đã dừng', en: 'relay stopped' },
  'cli.stack.stopped.worker': {
    vi: 'worker đã dừng (các hoạt động đang chạy đã xong)',
    en: 'worker drained (running activities finished)',
  },
  'cli.stack.stopped.temporal': { vi: 'máy chủ temporal cục bộ đã dừng', en: 'local temporal server stopped' },
  'cli.stack.stopped.database': { vi: 'cơ sở dữ liệu đã đóng', en: 'database closed' },
  // audit verify's findings by kind (services/audit.ts AuditFindingKind; cli/commands/audit.ts)
  'cli.audit.kind.edited': {
    vi: 'mã băm của sự kiện không khớp với nội dung của nó',
    en: 'the event’s hash is not the hash of its fields',
  },
  'cli.audit.kind.deleted': { vi: 'thiếu sự kiện trong chuỗi', en: 'events are missing from the chain' },
  'cli.audit.kind.inserted': { vi: 'có sự kiện được chèn vào chuỗi', en: 'events were inserted into the chain' },
  'cli.audit.kind.broken_link': {
    vi: 'sự kiện không liên kết với sự kiện liền trước',
    en: 'the event does not link to the one before it',
  },
  'cli.audit.kind.renumbered': { vi: 'số thứ tự của sự kiện bị đánh lại', en: 'the event was renumbered' },
  'cli.audit.kind.head_mismatch': {
    vi: 'đầu chuỗi không khớp với sự kiện cuối cùng',
    en: 'the head’s hash is not the last event’s',
  },
  'cli.audit.kind.head_missing': { vi: 'chuỗi không có bản ghi đầu chuỗi', en: 'the chain has no head row' },
  'cli.audit.kind.cut_back': {
    vi: 'chuỗi ngắn hơn số sự kiện mốc kiểm tra đã ký',
    en: 'the chain is shorter than the checkpoint signed',
  },
  'cli.audit.kind.diverged': {
    vi: 'sự kiện tại mốc kiểm tra không phải sự kiện đã được ký',
    en: 'the event at the checkpoint is not the one it signed',
  },
  'cli.audit.kind.checkpoint_invalid': {
    vi: 'chữ ký của mốc kiểm tra không hợp lệ',
    en: 'the checkpoint’s signature is not valid',
  },
  // commander's refusals of a command line (cli/usage.ts)
  'cli.usage.missing_argument': { vi: "thiếu đối số bắt buộc '{name}'", en: "missing required argument '{name}'" },
  'cli.usage.option_argument_missing': {
    vi: "tùy chọn '{name}' cần một giá trị",
    en: "option '{name}' needs a value",
  },
  'cli.usage.option_required': { vi: "thiếu tùy chọn bắt buộc '{name}'", en: "required option '{name}' not given" },
  'cli.usage.unknown_option': { vi: "không có tùy chọn '{name}'", en: "unknown option '{name}'" },
  'cli.usage.unknown_command': { vi: "không có lệnh '{name}'", en: "unknown command '{name}'" },
  'cli.usage.too_many_arguments': { vi: 'quá nhiều đối số', en: 'too many arguments' },
  'cli.usage.invalid_option_value': {
    vi: "giá trị của tùy chọn '{name}' không hợp lệ",
    en: "the value of option '{name}' is not valid",
  },
  'cli.usage.invalid_argument': {
    vi: "giá trị của đối số '{name}' không hợp lệ",
    en: "the value of argument '{name}' is not valid",
  },
  'cli.usage.did_you_mean': { vi: '(Có phải ý bạn là {name}?)', en: '(Did you mean {name}?)' },
  'cli.usage.other': {
    vi: 'câu lệnh không đúng cách dùng (xem --help)',
    en: 'the command line is not valid (see --help)',
  },
});
