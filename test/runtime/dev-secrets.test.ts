/**
 * Issue 11: development secrets only in development mode. The public CLAIM_SUBJECT_KEY default
 * (which let anyone recompute `claim:ui:<hash>` for every personal ID and read the ID back by brute
 * force) and the signing key Ansinh creates in ANSINH_HOME are refused by any process outside
 * development (or test) mode: by loadConfig, by the API's start, and by `ansinh token mint`; the
 * command line exits 2 with a message saying what to set.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DEV_CLAIM_SUBJECT_KEY, DevSecretRefused, loadConfig } from '../../runtime/config';
import { authConfigFrom, consoleOptionsFrom, DEV_CONSOLE_COOKIE_SECRET, requireAuthKeys } from '../../api/run';
import { claimWorkflowId } from '../../services/claim-filing';

const PG = 'postgres://ansinh@127.0.0.1:1/ansinh'; // never connected to: refused before
const STRONG = 'q3Vf0yZk8m2Lr7Xc1Wn5Tb9Hd4Jg6Ps0Ue2Ya8Ro3Ik=';
const BIN = path.join(process.cwd(), 'bin', 'ansinh.cjs');
const run = promisify(execFile);

describe('loadConfig: the mode, and development secrets outside development mode', () => {
  it('the embedded default (no DATABASE_URL) is development mode, with the development key', () => {
    const cfg = loadConfig({});
    expect(cfg).toMatchObject({ mode: 'development', devMode: true, CLAIM_SUBJECT_KEY: DEV_CLAIM_SUBJECT_KEY });
  });

  it('DATABASE_URL means production: CLAIM_SUBJECT_KEY unset, public or short is refused', () => {
    for (const key of [undefined, DEV_CLAIM_SUBJECT_KEY, 'compose-development-subject-key', 'only-twenty-chars-ok'])
      expect(() => loadConfig({ DATABASE_URL: PG, ...(key ? { CLAIM_SUBJECT_KEY: key } : {}) }), String(key)).toThrow(
        DevSecretRefused,
      );
    expect(() => loadConfig({ DATABASE_URL: PG })).toThrow(/CLAIM_SUBJECT_KEY is not set \(production mode\)/);
    expect(() => loadConfig({ DATABASE_URL: PG, CLAIM_SUBJECT_KEY: DEV_CLAIM_SUBJECT_KEY })).toThrow(
      /public development key/,
    );
  });

  it('ANSINH_MODE=production refuses the default even on the embedded database; test mode allows it', () => {
    expect(() => loadConfig({ ANSINH_MODE: 'production' })).toThrow(DevSecretRefused);
    expect(loadConfig({ ANSINH_MODE: 'test', DATABASE_URL: PG })).toMatchObject({ mode: 'test', devMode: true });
  });

  it('a production config with its own secret loads, and the public key no longer names its claims', () => {
    const cfg = loadConfig({ DATABASE_URL: PG, CLAIM_SUBJECT_KEY: STRONG });
    expect(cfg).toMatchObject({ mode: 'production', devMode: false, CLAIM_SUBJECT_KEY: STRONG });
    // What a brute force with the public key computes for a personal ID is not the claim's workflow id.
    const personalId = '001190012345';
    expect(claimWorkflowId(personalId, cfg.CLAIM_SUBJECT_KEY)).not.toBe(
      claimWorkflowId(personalId, DEV_CLAIM_SUBJECT_KEY),
    );
  });
});

describe('the API and the command line refuse development secrets at startup', () => {
  it('authConfigFrom refuses the development signing key in production mode and writes no key file', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'ansinh-prod-'));
    const cfg = loadConfig({ DATABASE_URL: PG, CLAIM_SUBJECT_KEY: STRONG, ANSINH_HOME: home });
    await expect(authConfigFrom(cfg)).rejects.toThrow(/development signing key.*AUTH_JWKS_URL or AUTH_JWKS_FILE/);
    expect(readdirSync(home)).toEqual([]);
    // With an identity provider's keys configured, it starts.
    const jwks = loadConfig({ DATABASE_URL: PG, CLAIM_SUBJECT_KEY: STRONG, AUTH_JWKS_URL: 'https://idp.example/jwks' });
    await expect(authConfigFrom(jwks)).resolves.toMatchObject({ devKeys: false });
  });

  it('the console: its development cookie secret and sign-in exist only in development mode; Secure cookies in production', async () => {
    const prod = loadConfig({ DATABASE_URL: PG, CLAIM_SUBJECT_KEY: STRONG, AUTH_JWKS_URL: 'https://idp.example/jwks' });
    expect(() => requireAuthKeys(prod)).toThrow(/development console cookie secret.*CONSOLE_COOKIE_SECRET/);
    expect(() => consoleOptionsFrom(prod, false)).toThrow(DevSecretRefused);
    const secret = 'a-console-cookie-secret-of-forty-characters';
    const withSecret = loadConfig({ DATABASE_URL: PG, CLAIM_SUBJECT_KEY: STRONG, CONSOLE_COOKIE_SECRET: secret });
    const opts = consoleOptionsFrom(withSecret, false);
    expect(opts).toEqual({ cookieSecret: secret, secureCookies: true });
    expect(opts.devSignIn).toBeUndefined();
    const insecure = loadConfig({
      DATABASE_URL: PG,
      CLAIM_SUBJECT_KEY: STRONG,
      CONSOLE_COOKIE_SECRET: secret,
      CONSOLE_SECURE_COOKIES: 'false',
    });
    expect(() => consoleOptionsFrom(insecure, false)).toThrow(/CONSOLE_SECURE_COOKIES=false/);
    const dev = consoleOptionsFrom(loadConfig({ ANSINH_HOME: mkdtempSync(path.join(tmpdir(), 'ansinh-dev-')) }), true);
    expect(dev).toMatchObject({ cookieSecret: DEV_CONSOLE_COOKIE_SECRET, secureCookies: false });
    expect(typeof dev.devSignIn).toBe('function');
  });

  async function ansinh(args: string[], env: Record<string, string>) {
    const base: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent' };
    for (const k of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'ANSINH_HOME', 'ANSINH_MODE', 'CLAIM_SUBJECT_KEY'])
      delete base[k];
    try {
      const r = await run(process.execPath, [BIN, ...args], { env: { ...base, ...env }, timeout: 60_000 });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  it('the worker and the API refuse to start on the public CLAIM_SUBJECT_KEY (exit 2, saying what to set)', async () => {
    for (const cmd of ['worker', 'api']) {
      const r = await ansinh([cmd], {
        DATABASE_URL: PG,
        TEMPORAL_ADDRESS: '127.0.0.1:1',
        CLAIM_SUBJECT_KEY: DEV_CLAIM_SUBJECT_KEY,
      });
      expect(r.code, cmd).toBe(2);
      expect(r.stderr).toMatch(/CLAIM_SUBJECT_KEY is the public development key.*set CLAIM_SUBJECT_KEY to a secret/);
    }
  });

  it('the API refuses to start without an identity provider’s keys in production mode (exit 2, before connecting)', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'ansinh-prod-'));
    const r = await ansinh(['api'], {
      DATABASE_URL: PG,
      TEMPORAL_ADDRESS: '127.0.0.1:1',
      CLAIM_SUBJECT_KEY: STRONG,
      ANSINH_HOME: home,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/DEV_SECRET_REFUSED: .*the development signing key/);
    expect(existsSync(path.join(home, 'dev-signing-key.json'))).toBe(false);
  });

  it('`ansinh token mint` refuses the development signing key in production mode', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'ansinh-prod-'));
    const r = await ansinh(['token', 'mint', '--role', 'officer'], {
      DATABASE_URL: PG,
      CLAIM_SUBJECT_KEY: STRONG,
      ANSINH_HOME: home,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/DEV_SECRET_REFUSED/);
    expect(existsSync(path.join(home, 'dev-signing-key.json'))).toBe(false);
    // In development mode (no DATABASE_URL) it mints.
    const dev = await ansinh(['token', 'mint', '--role', 'officer'], { ANSINH_HOME: home });
    expect(dev.code).toBe(0);
    expect(dev.stdout).toMatch(/^ey/);
  });
});

describe('docker-compose.yml requires real secrets', () => {
  it('CLAIM_SUBJECT_KEY and AUTH_JWKS_URL are required (`${VAR:?…}`), with no development default', () => {
    const compose = readFileSync(path.join(process.cwd(), 'docker-compose.yml'), 'utf8');
    const settings = (name: string) => [...compose.matchAll(new RegExp(`^\\s+${name}: (.*)$`, 'gm'))].map((m) => m[1]!);
    // The app's shared environment (x-ansinh-env: migrate, the workers, the relay, schedules) and the API's.
    expect(settings('CLAIM_SUBJECT_KEY')).toHaveLength(2);
    for (const v of [...settings('CLAIM_SUBJECT_KEY'), ...settings('AUTH_JWKS_URL')])
      expect(v).toMatch(/^\$\{[A-Z_]+:\?/);
    expect(settings('AUTH_JWKS_URL')).toHaveLength(1);
    // Issue 11's other secrets: payload keys, the signing keys, the audit key, the app role's password.
    for (const name of ['PAYLOAD_KEYS', 'SIGNING_KEYS', 'AUDIT_SIGNING_KEY']) {
      expect(settings(name), name).toHaveLength(2);
      for (const v of settings(name)) expect(v, name).toMatch(new RegExp(`^\\$\\{${name}:\\?`));
    }
    // Issue 12: the console's cookie secret, on the API only.
    expect(settings('CONSOLE_COOKIE_SECRET')).toEqual([expect.stringMatching(/^\$\{CONSOLE_COOKIE_SECRET:\?/)]);
    expect(compose).toMatch(/ansinh_app:\$\{ANSINH_APP_PASSWORD:\?/);
    expect(compose).not.toMatch(/:-compose-|development-app-password/);
    expect(compose).not.toMatch(/development-subject-key|:-compose-/);
  });

  it('runs the relay against the Mailpit mail catcher by default (issue 13), overridable by SMTP_URL', () => {
    const compose = readFileSync(path.join(process.cwd(), 'docker-compose.yml'), 'utf8');
    expect(compose).toMatch(/^ {2}mailpit:\n {4}image: axllent\/mailpit:/m);
    expect(compose).toMatch(
      /^ {2}relay:\n {4}<<: \*ansinh-app\n {4}command: \["npx", "tsx", "cli\/main.ts", "relay"\]/m,
    );
    expect(compose).toMatch(/^\s+SMTP_URL: \$\{SMTP_URL:-smtp:\/\/mailpit:1025\?requireTLS=false\}$/m);
    expect(compose).toContain('127.0.0.1:8025:8025');
  });
});
