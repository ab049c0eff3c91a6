import { DEMO_BASE, expect, PASSWORD, signedInSession, signUp, test, newEmail } from './fixtures';

/** The sandbox's demo token (printed in ./run-local's ready line; a local fixture, not a secret). */
const SANDBOX_TOKEN = 'patSandboxDemo001.local-airtable-sandbox-demo-token-not-a-real-secret';

test('sign up, use the demo base, browse, sort, filter, edit, add and delete records, check status, sign out',
  async ({ page, shot, consoleGuard }) => {
    await test.step('sign-up screen', async () => {
      await page.goto('/');
      await expect(page).toHaveURL(/\/app\/signin$/);
      await shot('01-sign-in');
      await page.getByRole('link', { name: 'Create an account' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Create your account' })).toBeVisible();
      await shot('02-sign-up');
    });

    const email = newEmail('journey');
    await test.step('register → connection screen shows the demo base and the PAT form', async () => {
      await signUp(page, email);
      await expect(page.getByRole('heading', { name: 'Using the demo base' })).toBeVisible();
      await expect(page.getByLabel('Personal access token', { exact: true })).toBeVisible();
      for (const scope of ['data.records:read', 'data.records:write', 'schema.bases:read', 'schema.bases:write']) {
        await expect(page.getByRole('rowheader', { name: new RegExp(scope) })).toBeVisible();
      }
      await shot('03-connect-demo');
    });

    await test.step('a wrong token is refused with a sentence', async () => {
      consoleGuard.expect(/status of 400 \(Bad Request\).*\/connections\/airtable/);
      await page.getByLabel('Personal access token', { exact: true }).fill('not-a-token');
      await page.getByRole('button', { name: 'Connect' }).click();
      await expect(page.getByRole('alert')).toContainText(/token/i);
    });

    await test.step('connect an own token (the sandbox accepts its demo token as a PAT), then disconnect', async () => {
      await page.getByLabel('Personal access token', { exact: true }).fill(SANDBOX_TOKEN);
      await page.getByRole('button', { name: 'Connect' }).click();
      await expect(page.getByRole('heading', { name: 'Connected to your Airtable account' })).toBeVisible();
      await expect(page.getByLabel('Personal access token', { exact: true })).toHaveValue('');
      await shot('03b-connect-own-token');
      await page.getByRole('button', { name: 'Disconnect' }).click();
      const confirm = page.getByRole('dialog', { name: 'Disconnect Airtable?' });
      await confirm.getByRole('button', { name: 'Disconnect' }).click();
      await expect(page.getByRole('heading', { name: 'Using the demo base' })).toBeVisible();
    });

    await test.step('bases → tables', async () => {
      await page.getByRole('link', { name: 'Browse the demo base' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Bases' })).toBeVisible();
      await expect(page.getByRole('status').filter({ hasText: 'demo base' })).toBeVisible();
      await shot('04-bases');
      await page.getByRole('link', { name: /Demo CRM/ }).click();
      await expect(page.getByRole('link', { name: /Deals/ })).toBeVisible();
      await shot('05-tables');
      await page.getByRole('link', { name: /Deals/ }).click();
    });

    const grid = page.getByRole('grid', { name: 'Deals records' });
    await test.step('records grid: field types rendered', async () => {
      await expect(page.getByRole('heading', { level: 1, name: 'Deals' })).toBeVisible();
      await expect(grid.getByRole('row')).toHaveCount(26); // header + 25 deals
      await expect(grid.locator('.chip-link').first()).toBeVisible(); // Company link as a chip with the name
      await expect(grid.locator('.chip-link').first()).not.toHaveText(/^rec/);
      await expect(grid.locator('td.col-singleSelect .chip').first()).toBeVisible();
      await expect(grid.locator('td.col-date time').first()).toHaveText(/^[A-Z][a-z]{2} \d{1,2}, \d{4}$/);
      await expect(grid.locator('td.col-currency').first()).toHaveText(/^\$[\d,]+\.\d\d$/);
      await shot('06-records-grid');
    });

    await test.step('sort by Amount, descending', async () => {
      await grid.getByRole('button', { name: /^Amount/ }).click();
      await expect(grid.getByRole('columnheader', { name: /Amount/ })).toHaveAttribute('aria-sort', 'ascending');
      await grid.getByRole('button', { name: /^Amount/ }).click();
      await expect(grid.getByRole('columnheader', { name: /Amount/ })).toHaveAttribute('aria-sort', 'descending');
      await expect(page).toHaveURL(/sort=Amount%3Adesc/);
      await expect(async () => {
        const amounts = await grid.locator('td.col-currency').allInnerTexts();
        const numbers = amounts.map((a) => Number(a.replace(/[$,]/g, '')));
        expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
      }).toPass();
    });

    await test.step('filter builder: Stage is Won and Amount ≥ 10000', async () => {
      await page.getByRole('button', { name: /^Filter/ }).click();
      await page.getByRole('button', { name: 'Add condition' }).click();
      await page.getByLabel('Condition 1: field').selectOption('Stage');
      await page.getByLabel('Condition 1: value').selectOption('Won');
      await page.getByRole('button', { name: 'Add condition' }).click();
      await page.getByLabel('Condition 2: field').selectOption('Amount');
      await page.getByLabel('Condition 2: operator').selectOption('gte');
      await page.getByLabel('Condition 2: value').fill('10000');
      await page.getByText('Filter JSON sent to the API').click();
      await expect(page.locator('.filter-json pre')).toContainText('"op": "gte"');
      await shot('07-filter-builder');
      await page.getByRole('button', { name: 'Apply filter' }).click();
      await expect(page.getByText('Filtered:')).toBeVisible();
      await expect(page.locator('.filter-summary')).toContainText('Stage is “Won” and Amount ≥ 10000');
      await expect(async () => {
        const stages = await grid.locator('td.col-singleSelect').allInnerTexts();
        expect(stages.length).toBeGreaterThan(0);
        expect(new Set(stages)).toEqual(new Set(['Won']));
        const amounts = await grid.locator('td.col-currency').allInnerTexts();
        expect(amounts.every((a) => Number(a.replace(/[$,]/g, '')) >= 10000)).toBe(true);
      }).toPass();
      await page.locator('.filter-summary').getByRole('button', { name: 'Clear filter' }).click();
      await expect(grid.getByRole('row')).toHaveCount(26);
    });

    await test.step('edit a cell inline (double-click, type, Enter) and see it saved', async () => {
      const cell = grid.getByRole('row').nth(1).getByRole('gridcell').nth(5); // Owner
      await cell.dblclick();
      const editor = cell.getByRole('textbox');
      await expect(editor).toBeFocused();
      await editor.fill('Edited by e2e');
      await editor.press('Enter');
      await expect(page.locator('.toast')).toHaveText('Saved.');
      await expect(cell).toHaveText('Edited by e2e');
      await expect(cell).toBeFocused();
    });

    await test.step('keyboard: arrows move, Enter edits, Escape cancels', async () => {
      await page.keyboard.press('ArrowLeft');
      const close = grid.getByRole('row').nth(1).getByRole('gridcell').nth(4);
      await expect(close).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(close.locator('input[type=date]')).toBeFocused();
      await page.keyboard.press('Escape');
      await expect(close).toBeFocused();
    });

    await test.step('the edit is in Airtable: reload shows it', async () => {
      await page.reload();
      await expect(grid.getByRole('row').nth(1).getByRole('gridcell').nth(5)).toHaveText('Edited by e2e');
    });

    await test.step('add a record', async () => {
      await page.getByRole('button', { name: 'Add record' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add a record to Deals' });
      await expect(dialog).toBeVisible();
      await dialog.getByLabel(/^Name/).fill('E2E Test Deal');
      await dialog.getByLabel(/^Company/).selectOption({ label: 'Granite Robotics' });
      await dialog.getByLabel(/^Stage/).selectOption('Qualified');
      await dialog.getByLabel(/^Amount/).fill('4200');
      await dialog.getByLabel(/^Close Date/).fill('2026-12-01');
      await shot('08-add-record');
      await dialog.getByRole('button', { name: 'Add record' }).click();
      await expect(dialog).toBeHidden();
      await expect(page.locator('.toast').last()).toHaveText('Record added.');
    });

    await test.step('delete it, with a confirmation', async () => {
      await page.getByRole('button', { name: /^Filter/ }).click();
      await page.getByRole('button', { name: 'Add condition' }).click();
      await page.getByLabel('Condition 1: operator').selectOption('contains');
      await page.getByLabel('Condition 1: value').fill('E2E Test');
      await page.getByRole('button', { name: 'Apply filter' }).click();
      await expect(grid.getByRole('row')).toHaveCount(2);
      await expect(grid.getByRole('row').nth(1)).toContainText('$4,200.00');
      await expect(grid.getByRole('row').nth(1).locator('.chip-link')).toHaveText('Granite Robotics');
      await grid.getByRole('button', { name: 'Delete record E2E Test Deal' }).click();
      const confirm = page.getByRole('dialog', { name: 'Delete this record?' });
      await expect(confirm).toContainText('“E2E Test Deal” will be deleted from Deals. This cannot be undone.');
      await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
      await shot('09-delete-confirm');
      await confirm.getByRole('button', { name: 'Delete record' }).click();
      await expect(confirm).toBeHidden();
      await expect(grid.getByText('No records match.')).toBeVisible();
    });

    await test.step('switch to another table of the base (the filter stays with Deals)', async () => {
      await page.getByRole('navigation', { name: 'Tables of this base' }).getByRole('link', { name: 'Companies' }).click();
      const companies = page.getByRole('grid', { name: 'Companies records' });
      await expect(companies.getByRole('row')).toHaveCount(9); // header + 8 companies
      await expect(companies.getByRole('columnheader', { name: /Industry/ })).toBeVisible();
      await expect(page.getByText('Filtered:')).toHaveCount(0);
      await expect(companies.locator('td.col-url a').first()).toHaveAttribute('href', /^https:\/\//);
    });

    await test.step('system status from /health/deep', async () => {
      await page.getByRole('link', { name: 'System status' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'System status' })).toBeVisible();
      await expect(page.getByText('All systems are working.')).toBeVisible();
      await expect(page.getByRole('rowheader', { name: 'Database (DynamoDB)' })).toBeVisible();
      await expect(page.getByRole('rowheader', { name: 'Airtable' })).toBeVisible();
      await shot('10-system-status');
    });

    await test.step('sign out', async () => {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
      await expect(page.getByText('You have signed out.')).toBeVisible();
      await page.goto(`/app/bases/${DEMO_BASE}`);
      await expect(page).toHaveURL(/\/app\/signin\?next=/);
    });

    await test.step('sign in again lands where it was asked to go', async () => {
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('link', { name: /Deals/ })).toBeVisible();
    });
  });

test('a wrong password is answered with the API\'s sentence', async ({ page, consoleGuard, shot }) => {
  consoleGuard.expect(/status of 401.*\/auth\/login/);
  await page.goto('/app/signin');
  await page.getByLabel('Email').fill(newEmail('nobody'));
  await page.getByLabel('Password').fill('wrong password, really');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText(/email or password/i);
  await shot('11-sign-in-error');
});

test('an expired access token is refreshed without the person noticing', async ({ page, baseUrl, consoleGuard }) => {
  // the authorizer answers a bad token with 403 {"message":"Forbidden"}; the client refreshes and repeats
  consoleGuard.expect(/status of 403 \(Forbidden\)/);
  const session = JSON.parse(await signedInSession(baseUrl)) as Record<string, unknown>;
  await page.addInitScript((value) => {
    window.localStorage.setItem('pyairtable.session', value);
  }, JSON.stringify({ ...session, accessToken: 'expired.token.value' }));
  await page.goto('/app/bases');
  await expect(page.getByRole('link', { name: /Demo CRM/ })).toBeVisible();
  const stored = JSON.parse(await page.evaluate(() => window.localStorage.getItem('pyairtable.session') ?? '{}')) as Record<string, unknown>;
  expect(stored.accessToken).not.toBe('expired.token.value');
  expect(stored.refreshToken).not.toBe(session.refreshToken); // rotated
});

test('a revoked session sends the person to sign in with a sentence', async ({ page, baseUrl, consoleGuard }) => {
  // the revoked access token is refused (403), then its refresh token (401)
  consoleGuard.expect(/status of 403 \(Forbidden\)/);
  consoleGuard.expect(/status of 401 \(Unauthorized\).*\/auth\/refresh/);
  const session = JSON.parse(await signedInSession(baseUrl)) as { accessToken: string; refreshToken: string };
  // end the session on the server (as a sign-out in another browser would)
  await fetch(`${baseUrl}/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${session.accessToken}` } });
  await page.addInitScript((value) => {
    window.localStorage.setItem('pyairtable.session', value);
  }, JSON.stringify(session));
  await page.goto('/app/bases');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.getByText('Your session has ended. Please sign in again.')).toBeVisible();
});

test('the grid works on a phone-sized screen', async ({ browser, baseUrl, shot }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, baseURL: baseUrl, locale: 'en-US' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  const session = await signedInSession(baseUrl);
  await page.addInitScript((value) => {
    window.localStorage.setItem('pyairtable.session', value);
  }, session);
  await page.goto(`/app/bases/${DEMO_BASE}`);
  await page.getByRole('link', { name: /Contacts/ }).click();
  // (the imports specs add contacts: count nothing, look for a seeded one)
  await expect(page.getByRole('grid', { name: 'Contacts records' }).getByRole('row', { name: /Olivia Martin/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add record' })).toBeInViewport();
  await shot('12-records-phone', page);
  await context.close();
  expect(errors).toEqual([]);
});
