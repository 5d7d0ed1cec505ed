import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * Which `X-Forwarded-For` entries to believe, as Express's `trust proxy` setting takes it: `false` (none:
 * the client is whoever opened the connection), a hop count (the last n proxies in front of the server),
 * or the addresses (or CIDR ranges) of the proxies themselves. Never `true`: that believes every entry,
 * including the ones a client writes itself, so a client could name any address it likes to the
 * per-address throttles and the audit log.
 */
export type TrustProxy = false | number | string[];

const NAMED = ['loopback', 'linklocal', 'uniquelocal'];
const REFUSE_TRUE = 'không nhận true: true tin mọi địa chỉ trong X-Forwarded-For, kể cả địa chỉ do người gửi tự ghi, '
  + 'nên ai cũng né được giới hạn theo địa chỉ và ghi địa chỉ giả vào nhật ký. Hãy ghi số proxy đứng trước máy chủ (ví dụ 1) '
  + 'hoặc địa chỉ của các proxy (ví dụ 10.0.0.1,10.0.0.2) — `true` is refused: it trusts every X-Forwarded-For entry, '
  + 'including those a client writes itself; give the number of proxies in front of the server (e.g. 1) or their addresses (e.g. 10.0.0.1,10.0.0.2)';

function isAddressOrRange(entry: string): boolean {
  if (NAMED.includes(entry) || isIP(entry)) return true;
  const m = /^(.+)\/(\d{1,3})$/.exec(entry);
  if (!m) return false;
  const version = isIP(m[1]);
  return version !== 0 && Number(m[2]) <= (version === 4 ? 32 : 128);
}

/** `TRUST_PROXY`: `false`/`0`/unset, a hop count 1–10, or a comma-separated list of proxy addresses or ranges. */
export const trustProxySchema = z.string().default('false').transform((raw, ctx): TrustProxy => {
  const value = raw.trim();
  if (value === '' || value === 'false' || value === '0') return false;
  if (value.toLowerCase() === 'true') {
    ctx.addIssue({ code: 'custom', message: REFUSE_TRUE });
    return z.NEVER;
  }
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops <= 10) return hops;
    ctx.addIssue({ code: 'custom', message: 'số proxy phải từ 0 đến 10 (the hop count must be 0–10)' });
    return z.NEVER;
  }
  const entries = value.split(',').map((e) => e.trim()).filter((e) => e !== '');
  const wrong = entries.filter((e) => !isAddressOrRange(e));
  if (entries.length === 0 || wrong.length) {
    ctx.addIssue({
      code: 'custom',
      message: `phải là số proxy (ví dụ 1) hoặc danh sách địa chỉ proxy cách nhau bởi dấu phẩy (ví dụ 10.0.0.1,10.0.0.2); không hiểu: ${wrong.join(', ') || value} `
        + '(must be a hop count such as 1 or a comma-separated list of proxy addresses or CIDR ranges)',
    });
    return z.NEVER;
  }
  return entries;
});
