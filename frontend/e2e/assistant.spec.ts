/**
 * The assistant's chat panel against the local cloud, whose AssistantApiUrl is a scripted OpenAI-compatible model
 * (e2e/model-server.ts, started by global-setup): a question answered with a tool step, a proposed change reviewed
 * in the confirm dialog and confirmed into a change set that SUCCEEDS and shows up in the grid; a model failure, and
 * the "no model configured" / budget answers (those two scripted by Playwright: the cloud under test has a model).
 */
import type { Page } from '@playwright/test';
import { DEMO_BASE, expect, signedInSession, test } from './fixtures';

test.skip(!process.env.E2E_ASSISTANT_MODEL, 'needs the scripted model server that e2e/global-setup.ts starts');

async function openCompanies(page: Page, baseUrl: string) {
  const session = await signedInSession(baseUrl);
  await page.addInitScript((value) => {
    if (!window.sessionStorage.getItem('e2e-signed-in')) {
      window.localStorage.setItem('pyairtable.session', value);
      window.sessionStorage.setItem('e2e-signed-in', '1');
    }
  }, session);
  await page.goto(`/app/bases/${DEMO_BASE}/tables/Companies`);
  await expect(page.getByRole('grid', { name: 'Companies records' }).getByRole('row')).not.toHaveCount(0);
  await page.getByRole('button', { name: 'Assistant' }).click();
  const panel = page.getByRole('complementary', { name: /Assistant/ });
  const input = panel.getByLabel('Message to the assistant');
  await expect(input).toBeFocused();
  return { panel, input };
}

/** Deletes the test's records (the demo base is shared by the later tests) through the API. */
async function deleteCompanies(page: Page, name: string) {
  await page.evaluate(async ({ base, name }) => {
    const session = JSON.parse(localStorage.getItem('pyairtable.session') ?? '{}') as { accessToken: string };
    const headers = { authorization: `Bearer ${session.accessToken}` };
    const response = await fetch(`/bases/${base}/tables/Companies/records?pageSize=100`, { headers });
    const body = await response.json() as { records: { id: string; fields: { Name?: string } }[] };
    for (const r of body.records.filter((x) => x.fields.Name === name)) {
      await fetch(`/bases/${base}/tables/Companies/records/${r.id}`, { method: 'DELETE', headers });
    }
  }, { base: DEMO_BASE, name });
}

test('ask → tool step and answer; propose → review the diff → confirm → SUCCEEDED → the record is in the grid',
  async ({ page, baseUrl, shot }) => {
    const { panel, input } = await openCompanies(page, baseUrl);
    const name = `Zeta Robotics ${Date.now().toString(36)}`;

    await test.step('a question is answered with a visible tool step', async () => {
      await input.fill('Which companies are in this base?');
      await input.press('Enter');
      await expect(panel.locator('.bubble-assistant', { hasText: /I found \d+ companies:/ })).toBeVisible();
      await expect(input).toHaveValue('');
      const step = panel.locator('details.tool-step').first();
      await expect(step).toContainText('List records');
      await expect(step).toContainText('table: Companies');
      await expect(step).toContainText(/\d+ records from Companies\./);
      await step.locator('summary').click();
      await expect(step.locator('pre')).toContainText('"maxRecords": 10');
      await expect(page.getByRole('status').filter({ hasText: /The assistant answered: I found \d+ companies/ })).toBeAttached();
      await shot('17-assistant-chat');
    });

    await test.step('Shift+Enter adds a line instead of sending', async () => {
      await input.pressSequentially('line one');
      await input.press('Shift+Enter');
      await input.pressSequentially('line two');
      await expect(input).toHaveValue('line one\nline two');
      await input.fill('');
    });

    const dialog = page.getByRole('dialog', { name: 'Review the proposed change' });
    await test.step('a change is proposed and reviewed with its diff', async () => {
      await input.fill(`Add a company named ${name}`);
      await input.press('Enter');
      await expect(dialog).toBeVisible();
      await expect(dialog.getByRole('button', { name: 'Dismiss' })).toBeFocused();
      await expect(dialog).toContainText('Create 1 record in Companies.');
      const table = dialog.getByRole('table', { name: '1 record to add to Companies' });
      await expect(table.getByRole('columnheader')).toHaveText(['New record', 'Name', 'Industry', 'Employees']);
      await expect(table.getByRole('row').nth(1)).toHaveText(['New record 1', name, 'Software', '12'].join(''));
      await shot('18-assistant-confirm');
    });

    await test.step('Dismiss writes nothing; the change can be reviewed again', async () => {
      await dialog.getByRole('button', { name: 'Dismiss' }).click();
      await expect(dialog).toBeHidden();
      await expect(panel.getByText('Dismissed: nothing was changed.')).toBeVisible();
      await panel.getByRole('button', { name: 'Review again' }).click();
      await expect(dialog).toBeVisible();
    });

    await test.step('Confirm → the change set succeeds → the grid shows the new record', async () => {
      await dialog.getByRole('button', { name: 'Confirm' }).click();
      await expect(dialog).toBeHidden();
      const status = panel.locator('.changeset-status');
      await expect(status).toContainText('Succeeded', { timeout: 30_000 });
      await expect(status).toContainText('Applied: 1 record written to Airtable.');
      await expect(page.getByRole('grid', { name: 'Companies records' }).getByRole('row', { name: new RegExp(name) }))
        .toBeVisible();
      await shot('19-assistant-applied');
    });

    await test.step('the conversation is kept for the base: a reload shows it again', async () => {
      await page.reload();
      const again = page.getByRole('complementary', { name: /Assistant/ });
      await expect(again.locator('.bubble-assistant', { hasText: /I found \d+ companies:/ })).toBeVisible();
      await expect(again.locator('.changeset-status')).toContainText('Succeeded');
    });
    await deleteCompanies(page, name);
  });

test('model failure, exhausted budget and no model configured are explained in sentences',
  async ({ page, baseUrl, consoleGuard, shot }) => {
    const { panel, input } = await openCompanies(page, baseUrl);

    await test.step('a model error (the scripted model answers HTTP 500 → 502) keeps the message', async () => {
      consoleGuard.expect(/status of 502/);
      await input.fill('Please fail now');
      await input.press('Enter');
      await expect(panel.getByRole('alert')).toContainText('The AI model behind the assistant did not answer properly');
      await expect(input).toHaveValue('Please fail now');
    });

    await test.step('the daily budget', async () => {
      consoleGuard.expect(/status of 429/);
      await page.route('**/assistant/conversations/*/messages', (route) => route.fulfill({
        status: 429, contentType: 'application/json', headers: { 'Retry-After': '7200' },
        body: JSON.stringify({ error: { code: 'ASSISTANT_BUDGET_EXHAUSTED', message: 'Budget used.', requestId: 'e2e' } }),
      }), { times: 1 });
      await input.press('Enter');
      await expect(panel.getByRole('alert')).toContainText('It starts again at midnight UTC, in about 2 hours.');
    });

    await test.step('no model configured: how to configure one', async () => {
      consoleGuard.expect(/status of 503/);
      // the body AssistantFunction answers with the template's defaults (AssistantNotConfiguredTest)
      await page.route('**/assistant/conversations/*/messages', (route) => route.fulfill({
        status: 503, contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'ASSISTANT_NOT_CONFIGURED', requestId: 'e2e',
          message: 'The assistant has no model configured. Deploy with the template parameter AssistantModelId …' } }),
      }), { times: 1 });
      await input.fill('Which companies are in this base?');
      await input.press('Enter');
      const alert = panel.getByRole('alert');
      await expect(alert).toContainText('The assistant has no AI model configured, so it cannot answer yet.');
      await expect(alert).toContainText('./run-local --parameter AssistantApiUrl=');
      await shot('20-assistant-not-configured');
    });

    await test.step('on a phone the panel sits below the grid', async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      await expect(input).toBeVisible();
      const grid = await page.getByRole('grid', { name: 'Companies records' }).boundingBox();
      const aside = await panel.boundingBox();
      expect(aside && grid && aside.y > grid.y).toBe(true);
      await shot('21-assistant-phone');
    });
  });
