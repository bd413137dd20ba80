/**
 * The browser harness works: Debian's Chromium reaches the real stack (API, worker, database) on
 * its port, a screenshot is written, and the accessibility check catches a critical violation.
 * The console's sign-in page in development offers both ways in: VNeID (OpenID Connect, when
 * configured) and the development form.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoCriticalA11y, launchBrowser, newContext, shot } from './browser';
import { startStack, type Stack } from './stack';

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([
    startStack('harness', {
      // Configured but never contacted here: discovery runs only when someone clicks the button.
      console: {
        oidc: {
          issuer: 'http://127.0.0.1:9',
          clientId: 'c',
          redirectUrl: 'http://127.0.0.1:9/console/login/oidc/callback',
        },
      },
    }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('the browser harness', () => {
  it('reaches the API over HTTP and saves a screenshot', async () => {
    const context = await newContext(browser, { phone: true });
    const page = await context.newPage();
    const res = await page.goto(`${stack.url}/healthz`);
    expect(res?.status()).toBe(200);
    expect(JSON.parse(await page.innerText('body'))).toEqual({ status: 'ok' });
    const ready = await page.goto(`${stack.url}/readyz`);
    expect(ready?.status()).toBe(200);
    expect(existsSync(await shot(page, 'harness-readyz'))).toBe(true);
    await context.close();
  });

  it('the development sign-in page offers VNeID and the development form, at a phone’s width and by keyboard', async () => {
    const context = await newContext(browser, { phone: true });
    const page = await context.newPage();
    await page.goto(`${stack.url}/console`);
    expect(page.url()).toBe(`${stack.url}/console/signin`);
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    expect(await page.locator('a[href^="/console/login/oidc"]').count()).toBe(1);
    expect(await page.locator('form[action="/console/signin"]').count()).toBe(1);
    await expectNoCriticalA11y(page);
    await shot(page, 'signin-development');
    // The first Tab reaches the skip link.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('#main');
    await context.close();
  });

  it('fails a page with a critical accessibility violation, and passes one without', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    // An image without alternative text is critical (axe rule image-alt).
    await page.setContent('<!doctype html><html lang="en"><title>t</title><main><img src="x.png"></main></html>');
    await expect(expectNoCriticalA11y(page)).rejects.toThrow(/image-alt/);
    await page.setContent(
      '<!doctype html><html lang="en"><title>t</title><main><h1>Ok</h1><img src="x.png" alt="a chart"></main></html>',
    );
    await expectNoCriticalA11y(page);
    await context.close();
  });
});
