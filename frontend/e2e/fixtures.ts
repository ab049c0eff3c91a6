import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const screenshotDir = resolve(repoRoot, 'docs', 'frontend', 'screenshots');
export const DEMO_BASE = 'appDemoCrmSandbox';
export const PASSWORD = 'correct horse battery staple 42';

interface Fixtures {
  /** the origin of the local cloud under test */
  baseUrl: string;
  /** fails the test on any console error or page error, except those explicitly expected */
  consoleGuard: { expect(pattern: RegExp): void };
  /**
   * saves a screenshot of the page into docs/frontend/screenshots/<name>.png, after checking the screen with axe
   * (WCAG 2.1 A and AA rules): any violation fails the test
   */
  shot: (name: string, page?: Page) => Promise<void>;
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as the first argument
  baseUrl: async ({}, use) => {
    const url = process.env.E2E_BASE_URL;
    if (!url) throw new Error('E2E_BASE_URL is not set (global-setup starts the local cloud)');
    await use(url);
  },
  baseURL: async ({ baseUrl }, use) => {
    await use(baseUrl);
  },
  consoleGuard: [async ({ page }, use) => {
    const problems: string[] = [];
    const expected: RegExp[] = [];
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const text = `${message.text()} (${message.location().url})`;
      if (expected.some((p) => p.test(text))) return;
      problems.push(`console error: ${text}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await use({ expect: (pattern) => expected.push(pattern) });
    expect(problems, 'the page logged errors').toEqual([]);
  }, { auto: true }],
  shot: async ({ page }, use) => {
    mkdirSync(screenshotDir, { recursive: true });
    await use(async (name, target = page) => {
      // let transitions and toasts settle so the picture shows the screen as a person sees it
      await target.waitForTimeout(150);
      await expectAccessible(target, name);
      await target.screenshot({ path: resolve(screenshotDir, `${name}.png`), fullPage: true, animations: 'disabled' });
    });
  },
});

export { expect };

/** axe-core's WCAG 2.1 A/AA rules on the current screen; violations are listed by rule, impact and element. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const violations = result.violations.map((v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — `
    + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | '));
  expect(violations, `accessibility violations on ${screen}`).toEqual([]);
}

let counter = 0;
/** A fresh account's email: unique per run and per test. */
export function newEmail(prefix = 'e2e'): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}@example.com`;
}

/** Registers through the sign-up screen; ends on the connection screen. */
export async function signUp(page: Page, email = newEmail()): Promise<string> {
  await page.goto('/app/signup');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Airtable connection' })).toBeVisible();
  return email;
}

/** Registers over the API and puts the session into the browser's storage, for tests that start elsewhere. */
export async function signedInSession(baseUrl: string): Promise<string> {
  const email = newEmail('api');
  const response = await fetch(`${baseUrl}/auth/register`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (response.status !== 201) throw new Error(`register failed: ${response.status} ${await response.text()}`);
  const body = await response.json() as { user: unknown; tokens: { accessToken: string; refreshToken: string; expiresIn: number } };
  return JSON.stringify({ accessToken: body.tokens.accessToken, refreshToken: body.tokens.refreshToken,
    accessExpiresAt: Date.now() + body.tokens.expiresIn * 1000, user: body.user });
}
