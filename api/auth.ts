/**
 * Who is calling: bearer JWTs verified against a JSON Web Key Set (a file, or the identity
 * provider's URL), mapped to a Principal, plus a development key pair and token minter for local
 * use. Every token problem is an AuthError with a stable code (401); a participant below VNeID
 * level 2 is 403. Error messages never repeat the token or a personal ID.
 */
import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as jose from 'jose';
import { createClock } from '../runtime/clock';
import { textSchema } from '../domain/schemas';

/** `bank`: the collection account's bank, which posts statements (issue #9 §3); bound to nothing. */
export type Role = 'officer' | 'employer' | 'participant' | 'facility' | 'operator' | 'bank';
export const ROLES: readonly Role[] = ['officer', 'employer', 'participant', 'facility', 'operator', 'bank'];

export interface Principal {
  subject: string;
  role: Role;
  taxCode?: string;
  personalId?: string;
  facilityCode?: string;
  /** Identity assurance level (the `ial` claim; VNeID levels 1 and 2); 0 when the token has none. */
  level: number;
  /** When the person signed in (the OIDC `auth_time` claim, epoch seconds), if the token says: a recovery needs a fresh one. */
  authTime?: number;
}

export type AuthErrorCode =
  | 'UNAUTHENTICATED'
  | 'TOKEN_MALFORMED'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_NOT_YET_VALID'
  | 'TOKEN_BAD_SIGNATURE'
  | 'TOKEN_WRONG_AUDIENCE'
  | 'TOKEN_WRONG_ISSUER'
  | 'TOKEN_INVALID_CLAIMS'
  | 'TOKEN_LIFETIME_TOO_LONG'
  | 'TOKEN_ISSUED_IN_FUTURE'
  | 'IDENTITY_LEVEL_TOO_LOW'
  | 'TOKEN_REVOKED';

export class AuthError extends Error {
  override readonly name = 'AuthError';
  constructor(
    readonly code: AuthErrorCode,
    message: string,
    readonly status: 401 | 403,
  ) {
    super(message);
  }
}

const unauthorized = (code: AuthErrorCode, message: string) => new AuthError(code, message, 401);

export interface AuthConfig {
  issuer: string;
  audience: string;
  /** A JSON Web Key Set file, read once. Exactly one of jwksFile and jwksUrl. */
  jwksFile?: string;
  /** The identity provider's JWKS endpoint (fetched and cached by jose). */
  jwksUrl?: string;
  /** Allowed clock skew for exp/nbf, in seconds; default 0. */
  clockToleranceSec?: number;
  /** The application clock (runtime/clock.ts); tokens are checked against it. Default: the real clock. */
  clock?: () => Date;
  /** The longest lifetime (exp − iat) accepted per role, in hours; default MAX_TOKEN_HOURS. */
  maxTokenHours?: Partial<Record<Role, number>>;
  /**
   * The revocation list (services/token-revocations.ts, issue #14 part 3): a token of a revoked
   * subject issued before the revocation is 401 TOKEN_REVOKED. Checked on every request, the cached
   * path included, as an in-process map lookup. Absent: no token is ever revoked.
   */
  revocations?: {
    hashesOf(p: Principal): string[];
    revokedBefore(hashes: readonly string[]): number | undefined;
  };
}

/**
 * The longest lifetime (exp − iat, hours) of a token per role (issue #11): a participant's session
 * is short (1 h, their own data at VNeID level 2); an officer's or an employer's a working day
 * (12 h); an operator's a shift (8 h); a facility's or the bank's system token a day (24 h).
 * Configurable with AUTH_MAX_TOKEN_HOURS (runtime/config.ts). A longer token is refused 401
 * TOKEN_LIFETIME_TOO_LONG, and `ansinh token mint` will not mint one.
 */
export const MAX_TOKEN_HOURS: Readonly<Record<Role, number>> = {
  participant: 1,
  officer: 12,
  employer: 12,
  operator: 8,
  facility: 24,
  bank: 24,
};

/** How far in the future (seconds) a token's `iat` may be, for clocks that disagree a little. */
export const IAT_SKEW_SEC = 60;

export const DEV_ISSUER = 'ansinh-dev';
export const DEV_AUDIENCE = 'ansinh-api';

/** Signature algorithms accepted from any issuer; `none` and HMAC are never accepted. */
const ALGORITHMS = ['ES256', 'RS256', 'EdDSA'];

/**
 * The participant minimum: participants access through VNeID level 2
 * (Circular 09/2026/TT-BTC Art.6(1)).
 */
const PARTICIPANT_MIN_LEVEL = 2;

// ---------------------------------------------------------------------------------------------
// Bindings: the identifier a role's token is tied to (the same formats as domain/identifiers.ts).

const TAX_CODE_RE = /^\d{10}(-\d{3})?$/;
const PERSONAL_ID_RE = /^\d{12}$/;
const FACILITY_CODE_RE = /^\d{5}$/;

/** Which binding each role needs, and the message when it is missing or malformed. */
const REQUIRED_BINDING: Record<Role, { field: 'taxCode' | 'personalId' | 'facilityCode'; message: string } | null> = {
  officer: null,
  operator: null,
  bank: null,
  employer: {
    field: 'taxCode',
    message: 'an employer token needs a tax code (10 digits, or 10 digits, a hyphen and 3 digits)',
  },
  participant: { field: 'personalId', message: 'a participant token needs a personal ID (12 digits)' },
  facility: { field: 'facilityCode', message: 'a facility token needs a facility code (5 digits)' },
};

const BINDING_FORMAT: Record<'taxCode' | 'personalId' | 'facilityCode', RegExp> = {
  taxCode: TAX_CODE_RE,
  personalId: PERSONAL_ID_RE,
  facilityCode: FACILITY_CODE_RE,
};

/** Why the bindings are not valid, or null when they are. Never echoes the values. */
function bindingProblem(p: Pick<Principal, 'role' | 'taxCode' | 'personalId' | 'facilityCode'>): string | null {
  if (!ROLES.includes(p.role)) return 'unknown role';
  const required = REQUIRED_BINDING[p.role];
  if (required && p[required.field] === undefined) return required.message;
  // A binding that is present must be well-formed, whether or not the role needs it.
  for (const field of ['taxCode', 'personalId', 'facilityCode'] as const) {
    const value = p[field];
    if (value !== undefined && (typeof value !== 'string' || !BINDING_FORMAT[field].test(value))) {
      return required?.field === field ? required.message : `malformed ${field} binding`;
    }
  }
  return null;
}

/** The role's required binding is present and well-formed (and so is any other binding given). */
export function bindingClaimsValid(p: Principal): boolean {
  return bindingProblem(p) === null;
}

// ---------------------------------------------------------------------------------------------
// Verification

export type Verifier = (authorization: string | undefined) => Promise<Principal>;

const BEARER_RE = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+) *$/i;

export async function createVerifier(cfg: AuthConfig): Promise<Verifier> {
  if (!cfg.issuer || !cfg.audience) throw new Error('auth: issuer and audience are required');
  if ((cfg.jwksFile === undefined) === (cfg.jwksUrl === undefined)) {
    throw new Error('auth: give exactly one of jwksFile and jwksUrl');
  }
  const clockTolerance = cfg.clockToleranceSec ?? 0;
  if (!Number.isFinite(clockTolerance) || clockTolerance < 0)
    throw new Error('auth: clockToleranceSec must be a non-negative number');

  const keys =
    cfg.jwksFile !== undefined
      ? jose.createLocalJWKSet(await readJwks(cfg.jwksFile))
      : jose.createRemoteJWKSet(new URL(cfg.jwksUrl!));
  const options: jose.JWTVerifyOptions = {
    issuer: cfg.issuer,
    audience: cfg.audience,
    algorithms: ALGORITHMS,
    clockTolerance,
    requiredClaims: ['sub', 'exp', 'iat'],
  };
  const clock = cfg.clock ?? createClock();
  const maxHours = { ...MAX_TOKEN_HOURS, ...cfg.maxTokenHours };
  const iatSkew = Math.max(IAT_SKEW_SEC, clockTolerance);

  // Verified tokens are remembered until they expire, for at most VERIFIED_CACHE_MS (so a key
  // rotation takes effect within that time): the signature check is the largest per-request
  // cost of the coverage path that facilities call at every visit.
  const cache = new Map<string, { principal: Principal; until: number; iatMs: number; hashes: string[] }>();
  const revocations = cfg.revocations;
  /** A revoked subject's token issued before its revocation; the cached path checks it too. */
  const refuseRevoked = (iatMs: number, hashes: string[]) => {
    if (!revocations) return;
    const before = revocations.revokedBefore(hashes);
    if (before !== undefined && iatMs < before)
      throw unauthorized(
        'TOKEN_REVOKED',
        'this token was issued before its subject’s access was recovered: sign in again',
      );
  };
  return async (authorization) => {
    if (authorization === undefined || authorization.trim() === '') {
      throw unauthorized('UNAUTHENTICATED', 'this request needs an Authorization: Bearer token');
    }
    const token = BEARER_RE.exec(authorization)?.[1];
    if (token === undefined) throw unauthorized('TOKEN_MALFORMED', 'the Authorization header is not "Bearer <JWT>"');
    const now = clock().getTime();
    const hit = cache.get(token);
    if (hit && hit.until > now) {
      refuseRevoked(hit.iatMs, hit.hashes);
      return hit.principal;
    }
    if (hit) cache.delete(token);
    let payload: jose.JWTPayload;
    try {
      ({ payload } = await jose.jwtVerify(token, keys, { ...options, currentDate: new Date(now) }));
    } catch (err) {
      throw fromJoseError(err);
    }
    const principal = principalFrom(payload);
    // jose checks that iat is a number; its future and the lifetime are ours to check.
    if (payload.iat! > now / 1000 + iatSkew)
      throw unauthorized('TOKEN_ISSUED_IN_FUTURE', 'the token claims to be issued in the future (iat)');
    if (payload.exp! - payload.iat! > maxHours[principal.role] * 3600)
      throw unauthorized(
        'TOKEN_LIFETIME_TOO_LONG',
        `a ${principal.role} token may live at most ${maxHours[principal.role]} h (exp − iat)`,
      );
    if (principal.role === 'participant' && principal.level < PARTICIPANT_MIN_LEVEL) {
      throw new AuthError(
        'IDENTITY_LEVEL_TOO_LOW',
        `participants sign in with VNeID level ${PARTICIPANT_MIN_LEVEL} (Circular 09/2026/TT-BTC Art.6(1)); this token is level ${principal.level}`,
        403,
      );
    }
    const iatMs = payload.iat! * 1000;
    const hashes = revocations ? revocations.hashesOf(principal) : [];
    refuseRevoked(iatMs, hashes);
    const until = Math.min((payload.exp ?? 0) * 1000, now + VERIFIED_CACHE_MS);
    if (until > now) {
      if (cache.size >= VERIFIED_CACHE_SIZE) cache.delete(cache.keys().next().value as string); // oldest first
      cache.set(token, { principal, until, iatMs, hashes });
    }
    return principal;
  };
}

/** How long, and how many, verified tokens are remembered by a verifier. */
export const VERIFIED_CACHE_MS = 60_000;
export const VERIFIED_CACHE_SIZE = 10_000;

async function readJwks(file: string): Promise<jose.JSONWebKeySet> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new Error(`auth: cannot read the JWKS file ${file}: ${(err as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray((parsed as { keys?: unknown }).keys)) {
    throw new Error(`auth: ${file} is not a JSON Web Key Set (no "keys" array)`);
  }
  return parsed as jose.JSONWebKeySet;
}

/**
 * jose's failures by their stable `code`. Anything else (the JWKS endpoint unreachable or timing
 * out, an invalid key set) is the server's problem, not the caller's: it is rethrown unchanged.
 */
function fromJoseError(err: unknown): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  const claim = (err as { claim?: unknown } | null)?.claim;
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return unauthorized('TOKEN_EXPIRED', 'the token has expired');
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (claim === 'aud') return unauthorized('TOKEN_WRONG_AUDIENCE', 'the token is not issued for this API (aud)');
      if (claim === 'iss')
        return unauthorized('TOKEN_WRONG_ISSUER', 'the token comes from an issuer this API does not trust (iss)');
      if (claim === 'nbf' && (err as { reason?: unknown }).reason === 'check_failed') {
        return unauthorized('TOKEN_NOT_YET_VALID', 'the token is not valid yet (nbf)');
      }
      return unauthorized(
        'TOKEN_INVALID_CLAIMS',
        `the token's "${typeof claim === 'string' ? claim : '?'}" claim is missing or invalid`,
      );
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return unauthorized('TOKEN_BAD_SIGNATURE', 'the token signature does not verify against a trusted key');
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
    case 'ERR_JOSE_NOT_SUPPORTED':
      return unauthorized('TOKEN_MALFORMED', 'the token cannot be decoded');
    default:
      return err;
  }
}

function optionalString(payload: jose.JWTPayload, claim: string): string | undefined {
  const v = payload[claim];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string')
    throw unauthorized('TOKEN_INVALID_CLAIMS', `the token's "${claim}" claim must be a string`);
  return v;
}

function principalFrom(payload: jose.JWTPayload): Principal {
  const role = payload['role'];
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
    throw unauthorized('TOKEN_INVALID_CLAIMS', `the token's "role" claim must be one of ${ROLES.join(', ')}`);
  }
  if (typeof payload.sub !== 'string' || payload.sub === '')
    throw unauthorized('TOKEN_INVALID_CLAIMS', `the token's "sub" claim must be a non-empty string`);
  // The subject is stored as the author of what the caller does: text the database can hold.
  if (!textSchema(200).safeParse(payload.sub).success)
    throw unauthorized(
      'TOKEN_INVALID_CLAIMS',
      `the token's "sub" claim must be 1–200 characters of text, without control characters`,
    );
  const ial = payload['ial'];
  if (ial !== undefined && ial !== null && !(typeof ial === 'number' && Number.isSafeInteger(ial) && ial >= 0)) {
    throw unauthorized('TOKEN_INVALID_CLAIMS', `the token's "ial" claim must be a non-negative integer`);
  }
  const principal: Principal = { subject: payload.sub, role: role as Role, level: typeof ial === 'number' ? ial : 0 };
  const authTime = payload['auth_time'];
  if (authTime !== undefined && authTime !== null) {
    if (!(typeof authTime === 'number' && Number.isSafeInteger(authTime) && authTime >= 0))
      throw unauthorized('TOKEN_INVALID_CLAIMS', `the token's "auth_time" claim must be a time in seconds`);
    principal.authTime = authTime;
  }
  const taxCode = optionalString(payload, 'tax_code');
  const personalId = optionalString(payload, 'personal_id');
  const facilityCode = optionalString(payload, 'facility');
  if (taxCode !== undefined) principal.taxCode = taxCode;
  if (personalId !== undefined) principal.personalId = personalId;
  if (facilityCode !== undefined) principal.facilityCode = facilityCode;
  const problem = bindingProblem(principal);
  if (problem) throw unauthorized('TOKEN_INVALID_CLAIMS', problem);
  return principal;
}

// ---------------------------------------------------------------------------------------------
// Development keys and tokens

export interface DevKeys {
  privateKey: jose.CryptoKey;
  kid: string;
  jwksPath: string;
}

const DEV_ALG = 'ES256';
const KEY_FILE = 'dev-signing-key.json';
const JWKS_FILE = 'dev-jwks.json';

/**
 * The development signing key (`<home>/dev-signing-key.json`, mode 0600) and its public JWKS
 * (`<home>/dev-jwks.json`), created when absent and reused when present. The private key file is
 * the source of truth: it is created atomically (written aside, then hard-linked into place, so a
 * concurrent caller either wins or reads the winner's key), and the JWKS is rewritten from it when
 * missing or stale. The kid is the key's RFC 7638 thumbprint.
 */
export async function ensureDevKeys(home: string): Promise<DevKeys> {
  await mkdir(home, { recursive: true });
  const keyPath = path.join(home, KEY_FILE);
  const jwksPath = path.join(home, JWKS_FILE);

  let privateJwk = await readPrivateJwk(keyPath);
  if (!privateJwk) {
    const { privateKey } = await jose.generateKeyPair(DEV_ALG, { extractable: true });
    const jwk = await jose.exportJWK(privateKey);
    const kid = await jose.calculateJwkThumbprint(jwk);
    const tmp = `${keyPath}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, JSON.stringify({ ...jwk, kid, alg: DEV_ALG, use: 'sig' }, null, 2) + '\n', {
      mode: 0o600,
      flag: 'wx',
    });
    try {
      await link(tmp, keyPath);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      await unlink(tmp);
    }
    privateJwk = await readPrivateJwk(keyPath);
    if (!privateJwk) throw new Error(`auth: ${keyPath} vanished while it was being created`);
  }
  // Keep the private key private even if something loosened it.
  await chmod(keyPath, 0o600);

  const { kid } = privateJwk;
  const publicJwk: jose.JWK = {
    kty: privateJwk.kty,
    crv: privateJwk.crv,
    x: privateJwk.x,
    y: privateJwk.y,
    kid,
    alg: DEV_ALG,
    use: 'sig',
  };
  const existing = await readFile(jwksPath, 'utf8').catch(() => null);
  const current = existing !== null && jwksHasKey(existing, publicJwk);
  if (!current) {
    const tmp = `${jwksPath}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, JSON.stringify({ keys: [publicJwk] }, null, 2) + '\n', { mode: 0o644 });
    await rename(tmp, jwksPath);
  }

  const privateKey = await jose.importJWK(privateJwk, DEV_ALG);
  if (privateKey instanceof Uint8Array) throw new Error(`auth: ${keyPath} is not an asymmetric key`);
  return { privateKey, kid, jwksPath };
}

type DevPrivateJwk = jose.JWK & { kty: 'EC'; crv: 'P-256'; x: string; y: string; d: string; kid: string };

async function readPrivateJwk(keyPath: string): Promise<DevPrivateJwk | null> {
  let text: string;
  try {
    text = await readFile(keyPath, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  let jwk: Partial<DevPrivateJwk>;
  try {
    jwk = JSON.parse(text) as Partial<DevPrivateJwk>;
  } catch {
    throw new Error(`auth: ${keyPath} is not JSON; delete it to generate a new development key`);
  }
  const fields = ['x', 'y', 'd', 'kid'] as const;
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || fields.some((f) => typeof jwk[f] !== 'string' || jwk[f] === '')) {
    throw new Error(
      `auth: ${keyPath} is not an EC P-256 private JWK with a kid; delete it to generate a new development key`,
    );
  }
  return jwk as DevPrivateJwk;
}

function jwksHasKey(text: string, want: jose.JWK): boolean {
  try {
    const keys = (JSON.parse(text) as { keys?: jose.JWK[] }).keys;
    return (
      Array.isArray(keys) &&
      keys.some((k) => k.kid === want.kid && k.x === want.x && k.y === want.y && k.alg === want.alg)
    );
  } catch {
    return false;
  }
}

export interface MintRequest {
  role: Role;
  taxCode?: string;
  personalId?: string;
  facilityCode?: string;
  /** The `ial` claim; default 2 for a participant, absent (level 0) for the other roles. */
  level?: number;
  /** A jose time span ('15m', '1h', '7d'; '-1h' mints an already expired token); default '1h'. */
  ttl?: string;
  subject?: string;
  issuer?: string;
  audience?: string;
  /** The longest lifetime per role, in hours (as the API checks it); default MAX_TOKEN_HOURS. */
  maxTokenHours?: Partial<Record<Role, number>>;
  /** The `auth_time` claim (epoch seconds: when the person signed in); absent by default. */
  authTime?: number;
}

/** A token lifetime: an optional minus, a whole number and a unit (s, m, h, d). */
const TTL_RE = /^(-)?(\d{1,6}) ?(s|m|h|d)$/;
const TTL_UNIT_SEC: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** A development token signed with the dev key (ES256, header kid), after checking the request. */
export async function mintToken(home: string, req: MintRequest, clock: () => Date = createClock()): Promise<string> {
  const invalid = (message: string) => unauthorized('TOKEN_INVALID_CLAIMS', message);
  const problem = bindingProblem(req);
  if (problem) throw invalid(problem);
  if (req.level !== undefined && !(Number.isSafeInteger(req.level) && req.level >= 0))
    throw invalid('level must be a non-negative integer');
  for (const f of ['subject', 'issuer', 'audience'] as const) {
    if (req[f] !== undefined && req[f] === '') throw invalid(`${f} must not be empty`);
  }

  const binding =
    req.role === 'employer'
      ? req.taxCode
      : req.role === 'participant'
        ? req.personalId
        : req.role === 'facility'
          ? req.facilityCode
          : undefined;
  const level = req.level ?? (req.role === 'participant' ? PARTICIPANT_MIN_LEVEL : undefined);
  const claims: jose.JWTPayload = { role: req.role };
  if (req.taxCode !== undefined) claims['tax_code'] = req.taxCode;
  if (req.personalId !== undefined) claims['personal_id'] = req.personalId;
  if (req.facilityCode !== undefined) claims['facility'] = req.facilityCode;
  if (level !== undefined) claims['ial'] = level;
  if (req.authTime !== undefined) {
    if (!(Number.isSafeInteger(req.authTime) && req.authTime >= 0)) throw invalid('authTime must be a time in seconds');
    claims['auth_time'] = req.authTime;
  }

  const keys = await ensureDevKeys(home);
  const iat = Math.floor(clock().getTime() / 1000);
  const jwt = new jose.SignJWT(claims)
    .setProtectedHeader({ alg: DEV_ALG, kid: keys.kid, typ: 'JWT' })
    .setSubject(req.subject ?? `${req.role}:${binding ?? 'dev'}`)
    .setIssuer(req.issuer ?? DEV_ISSUER)
    .setAudience(req.audience ?? DEV_AUDIENCE)
    .setIssuedAt(iat);
  const ttl = TTL_RE.exec(req.ttl ?? '1h');
  if (!ttl) throw invalid(`ttl must be a time span such as '15m', '1h' or '7d'`);
  const lifetime = (ttl[1] ? -1 : 1) * Number(ttl[2]) * TTL_UNIT_SEC[ttl[3]!]!;
  const maxHours = { ...MAX_TOKEN_HOURS, ...req.maxTokenHours }[req.role];
  if (lifetime > maxHours * 3600)
    throw new AuthError('TOKEN_LIFETIME_TOO_LONG', `a ${req.role} token may live at most ${maxHours} h`, 401);
  jwt.setExpirationTime(iat + lifetime);
  return jwt.sign(keys.privateKey);
}
