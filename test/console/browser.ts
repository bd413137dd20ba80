/**
 * Debian's Chromium driven by playwright-core: one browser per test file (launching is the slow
 * part), a fresh context per flow, screenshots kept as CI artifacts in test-artifacts/console/,
 * a phone's viewport, and an accessibility check by axe-core that fails on critical violations.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS_DIR = path.join(process.cwd(), 'test-artifacts', 'console');

/** A phone's viewport (an iPhone 12–15 in CSS pixels). */
export const PHONE = { width: 390, height: 844 } as const;
export const DESKTOP = { width: 1280, height: 900 } as const;

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    // As root in a container Chromium needs --no-sandbox; /dev/shm is small there.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
}

/** A fresh context (its own cookies) at a phone's width, or the desktop's; Vietnamese by default. */
export async function newContext(
  browser: Browser,
  opts: { phone?: boolean; baseURL?: string; locale?: string } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: opts.phone ? PHONE : DESKTOP,
    ...(opts.phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
    locale: opts.locale ?? 'vi-VN',
    // The console's CSP allows only its own scripts; the accessibility check injects axe-core.
    bypassCSP: true,
    ...(opts.baseURL ? { baseURL: opts.baseURL } : {}),
  });
  context.setDefaultTimeout(15_000);
  return context;
}

/** Saves a full-page screenshot (or one element's) as test-artifacts/console/<name>.png and returns its path. */
export async function shot(page: Page | Locator, name: string): Promise<string> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`screenshot name must be kebab-case: ${name}`);
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  if ('goto' in page) await page.screenshot({ path: file, fullPage: true });
  else await page.screenshot({ path: file });
  return file;
}

interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: { target: string[] }[];
}

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');

/**
 * Runs axe-core (WCAG 2.x A and AA rules) on the page: fails the test on any critical violation
 * and prints the serious ones. Returns every violation, for a test that wants to assert more.
 */
export async function expectNoCriticalA11y(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: unknown }> } }
    ).axe;
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return r.violations;
  });
  const list = violations as AxeViolation[];
  const describe = (v: AxeViolation) =>
    `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`;
  const serious = list.filter((v) => v.impact === 'serious');
  if (serious.length) console.warn(`axe, serious on ${page.url()}:\n  ${serious.map(describe).join('\n  ')}`);
  const critical = list.filter((v) => v.impact === 'critical');
  if (critical.length) throw new Error(`axe, critical on ${page.url()}:\n  ${critical.map(describe).join('\n  ')}`);
  return list;
}
