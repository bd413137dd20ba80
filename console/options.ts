/** How the console is configured (runtime/config.ts → api/run.ts → ApiDeps.console). */
import type { MintRequest } from '../api/auth';
import type { OidcSettings } from './oidc';

export interface ConsoleOptions {
  /** Signs the session, language and CSRF cookies (CONSOLE_COOKIE_SECRET, ≥ 32 characters). */
  cookieSecret: string;
  /** `Secure` cookies: on wherever TLS is (production); off for `npm start` on plain localhost. */
  secureCookies: boolean;
  /** Development sign-in (a role and a binding → a token minted with the development key); absent in production. */
  devSignIn?: (req: MintRequest) => Promise<string>;
  /** The longest life of a session in hours (default services/console-sessions.ts SESSION_MAX_HOURS). */
  sessionHours?: number;
  /** OpenID Connect sign-in (OIDC_*; VNeID for participants): console/oidc.ts; absent = no OIDC button. */
  oidc?: OidcSettings;
}
