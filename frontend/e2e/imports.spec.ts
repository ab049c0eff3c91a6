/**
 * Imports through the web app: drag-and-drop a CSV straight to S3, map its columns, watch the saga complete; then a
 * 150-row file whose 75th row links a Company that does not exist, and watch the saga roll everything back.
 * Needs the imports backend (POST /imports, GET /imports/{id}, the ImportSaga).
 */
import type { Page } from '@playwright/test';
import { DEMO_BASE, expect, signUp, test } from './fixtures';

const MISSING_COMPANY = 'recAAAAAAAAAAAAAA';

test.describe.configure({ timeout: 180_000 });

async function companyIds(page: Page): Promise<string[]> {
  return page.evaluate(async (base) => {
    const session = JSON.parse(localStorage.getItem('pyairtable.session') ?? '{}') as { accessToken: string };
    const response = await fetch(`/bases/${base}/tables/Companies/records?pageSize=10`, {
      headers: { authorization: `Bearer ${session.accessToken}` },
    });
    const body = await response.json() as { records: { id: string }[] };
    return body.records.map((r) => r.id);
  }, DEMO_BASE);
}

function csv(rows: string[][]): string {
  return rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') + '\r\n';
}

async function openNewImport(page: Page) {
  await page.getByRole('link', { name: 'Imports', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Imports' })).toBeVisible();
  await page.getByRole('link', { name: 'New import' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import a file' })).toBeVisible();
  await expect(page.getByLabel('Base')).toHaveValue(DEMO_BASE);
  await expect(page.getByLabel('Table')).not.toHaveValue('');
  await page.getByLabel('Table').selectOption({ label: 'Contacts' });
}

/** Clicks Import and waits for the import's own page; fails at once with the sentence shown if it did not start. */
async function startImport(page: Page) {
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const failed = page.getByRole('alert').filter({ hasText: 'The import did not start.' });
  await Promise.race([
    page.waitForURL(/\/app\/imports\/(?!new$)[^/?]+$/, { timeout: 30_000 }),
    failed.waitFor({ timeout: 30_000 }).then(async () => {
      throw new Error(`the import did not start: ${await failed.innerText()}`);
    }),
  ]);
}

/** Waits until the import reaches a final state, then expects `status` (the page's sentence explains any other). */
async function expectFinalStatus(page: Page, status: string) {
  const badge = page.locator('[data-status]');
  await expect(badge).toHaveAttribute('data-status', /^(REJECTED|SUCCEEDED|ROLLED_BACK|ROLLBACK_FAILED|CANCELLED)$/,
    { timeout: 150_000 });
  const actual = await badge.getAttribute('data-status');
  expect(actual, await page.locator('main').innerText()).toBe(status);
}

async function countMatching(page: Page, text: string): Promise<number> {
  await page.goto(`/app/bases/${DEMO_BASE}/tables/Contacts?pageSize=100&filter=${encodeURIComponent(
    JSON.stringify({ field: 'Name', op: 'contains', value: text }))}`);
  const grid = page.getByRole('grid', { name: 'Contacts records' });
  await expect(grid).toBeVisible();
  await expect(page.locator('.pager [role=status]')).not.toContainText('updating');
  return (await grid.locator('tbody tr').count()) - (await grid.getByText('No records match.').count());
}

test('import a CSV by drag and drop, map its columns, see it complete', async ({ page, shot }) => {
  await signUp(page);
  const companies = await companyIds(page);
  const run = Date.now().toString(36);
  const rows = [['Name', 'Email', 'Company', 'Title', 'Shoe size']];
  for (let i = 1; i <= 20; i++) {
    rows.push([`Imported ${run} ${String(i).padStart(2, '0')}`, `imported${i}.${run}@example.com`,
      companies[i % companies.length] ?? '', i % 2 ? 'Buyer' : 'Engineer, "senior"', String(36 + (i % 10))]);
  }
  await openNewImport(page);

  await test.step('drop the file on the drop zone', async () => {
    const transfer = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'new-contacts.csv', { type: 'text/csv' }));
      return dt;
    }, csv(rows));
    await page.locator('.dropzone').dispatchEvent('dragover', { dataTransfer: transfer });
    await page.locator('.dropzone').dispatchEvent('drop', { dataTransfer: transfer });
    await expect(page.getByText('new-contacts.csv')).toBeVisible();
  });

  await test.step('the mapping preview compares the header with the table', async () => {
    const mapping = page.getByRole('table').filter({ hasText: 'Column in the file' });
    await expect(mapping.getByRole('row')).toHaveCount(6);
    await expect(page.getByLabel('Field for column Name')).toHaveValue('Name');
    await expect(page.getByLabel('Field for column Company')).toHaveValue('Company');
    await expect(mapping.getByRole('row', { name: /Shoe size/ })).toContainText('Unknown column');
    await expect(page.getByText('1 column is not imported: “Shoe size”.')).toBeVisible();
    // a person can change a mapping: ignore Title
    await page.getByLabel('Field for column Title').selectOption('');
    await expect(mapping.getByRole('row', { name: /Title/ })).toContainText('Ignored');
    await page.getByLabel('Field for column Title').selectOption('Title');
    await shot('13-import-mapping');
  });

  await test.step('upload and follow the import until it completes', async () => {
    await startImport(page);
    await expectFinalStatus(page, 'SUCCEEDED');
    await expect(page.getByText('Every row was written to Airtable.')).toBeVisible();
    await expect(page.locator('.counts')).toContainText('Written20');
    await expect(page.getByRole('heading', { name: 'Steps' })).toBeVisible();
    await shot('14-import-succeeded');
  });

  await test.step('the records are in the table', async () => {
    expect(await countMatching(page, `Imported ${run}`)).toBe(20);
  });

  await test.step('the import list shows it', async () => {
    await page.getByRole('link', { name: 'Imports', exact: true }).click();
    const row = page.getByRole('row', { name: /new-contacts\.csv/ });
    await expect(row).toContainText('Completed');
    await expect(row).toContainText('Contacts');
    await shot('15-imports-list');
  });
});

// the saga's failure is a status of the import, not an HTTP error: the console must stay clean here too
test('a failure in the middle of a 150-row file rolls everything back', async ({ page, shot }) => {
  await signUp(page);
  const companies = await companyIds(page);
  const run = Date.now().toString(36);
  const rows = [['Name', 'Email', 'Company', 'Title']];
  for (let i = 1; i <= 150; i++) {
    rows.push([`Rollback ${run} ${String(i).padStart(3, '0')}`, `rb${i}.${run}@example.com`,
      i === 75 ? MISSING_COMPANY : companies[i % companies.length] ?? '', 'Buyer']);
  }
  await openNewImport(page);
  await page.locator('input[type=file]').setInputFiles({ name: 'bad-contacts.csv', mimeType: 'text/csv',
    buffer: Buffer.from(csv(rows)) });
  await expect(page.getByLabel('Field for column Company')).toHaveValue('Company');
  await startImport(page);

  await test.step('the saga fails at the bad row and undoes what it wrote', async () => {
    await expectFinalStatus(page, 'ROLLED_BACK');
    const panel = page.getByRole('region', { name: 'Rolled back' });
    await expect(panel).toBeVisible();
    await expect(panel).toContainText('The table is exactly as it was before this import.');
    await expect(page.locator('.steps')).toContainText(/Compensate/i);
    await shot('16-import-rolled-back');
  });

  await test.step('no row of the file is left in the table', async () => {
    expect(await countMatching(page, `Rollback ${run}`)).toBe(0);
  });
});
