/**
 * Sealed values (AES-256-GCM under a key derived by HKDF from a server secret and a purpose): what
 * must travel through a table but may not rest there in clear — the one-time code and the new
 * address in the outbox notice that delivers it (services/otp.ts), and a recipient who is no longer
 * on file (the OLD contact of a recovery: `outbox-recipient`, sealRecipient / openRecipient). Each
 * purpose has its own key, so a value sealed for one use does not open for another; a tampered
 * value does not open.
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

/** The purpose of a sealed recipient: a notice's address that is not (or no longer) on file. */
export const RECIPIENT_SEAL_PURPOSE = 'outbox-recipient';

/** Where a notice goes when the address on file is not the one: the channel and the address (or number). */
export interface SealedRecipient {
  channel: 'email' | 'sms';
  to: string;
}

export const sealRecipient = (secret: string, r: SealedRecipient): string =>
  sealer(secret, RECIPIENT_SEAL_PURPOSE).seal(r);

/**
 * The recipient sealed in a notice's payload (`sealed`), or null if it does not open. A value sealed
 * before the channel was part of it (`{to}` only, an e-mail address) is read as e-mail.
 */
export function openRecipient(secret: string, sealed: unknown): SealedRecipient | null {
  const v = sealer(secret, RECIPIENT_SEAL_PURPOSE).open(sealed) as { channel?: unknown; to?: unknown } | null;
  if (!v || typeof v.to !== 'string' || v.to.length === 0) return null;
  const channel = v.channel ?? 'email';
  return channel === 'email' || channel === 'sms' ? { channel, to: v.to } : null;
}
