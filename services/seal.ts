/**
 * Sealed values (AES-256-GCM under a key derived by HKDF from a server secret and a purpose): what
 * must travel through a table but may not rest there in clear — the one-time code and the new
 * address in the outbox notice that delivers it (services/otp.ts). Each purpose has its own key,
 * so a value sealed for one use does not open for another; a tampered value does not open.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export interface Sealer {
  seal(value: unknown): string;
  /** The value, or null if it was not sealed by this key for this purpose (or was altered). */
  open(sealed: unknown): unknown;
}

/** `maxLength`: the longest sealed text `open` reads (8 KiB unless a purpose seals more, e.g. a payment file). */
export function sealer(secret: string, purpose: string, { maxLength = 8192 }: { maxLength?: number } = {}): Sealer {
  const key = Buffer.from(hkdfSync('sha256', secret, 'ansinh-seal', purpose, 32));
  return {
    seal(value) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    open(sealed) {
      if (typeof sealed !== 'string' || sealed.length > maxLength) return null;
      const raw = Buffer.from(sealed, 'base64url');
      if (raw.length < 29) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
        decipher.setAuthTag(raw.subarray(12, 28));
        return JSON.parse(
          Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8'),
        ) as unknown;
      } catch {
        return null;
      }
    },
  };
}
