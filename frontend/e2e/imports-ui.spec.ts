/**
 * The import screens against a scripted API (Playwright answers /imports* itself; everything else is the real local
 * cloud): the upload goes to the presigned URL with its headers, the status is polled every second through every
 * state up to ROLLED_BACK, and the steps, counts, per-row errors and the rollback panel are shown. This checks the
 * screens whatever the state of the imports backend; imports.spec.ts runs the real thing.
 */
import type { Route } from '@playwright/test';
import { DEMO_BASE, expect, expectAccessible, signedInSession, test } from './fixtures';

const ID = 'imp-0001';

function detail(status: string, extra: Record<string, unknown> = {}) {
  return {
    importId: ID, kind: 'import', status, baseId: DEMO_BASE, table: 'Contacts', fileName: 'people.csv', mode: 'create',
    createdAt: '2026-11-25T12:00:00Z', updatedAt: '2026-11-25T12:00:05Z',
    counts: { rows: 150, valid: 150, invalid: 0, applied: 0, compensated: 0 }, rowErrors: [], rowErrorsTruncated: false,
    steps: [{ name: 'Upload', status: 'SUCCEEDED', startedAt: '2026-11-25T12:00:00Z', endedAt: '2026-11-25T12:00:01Z', detail: null }],
    ...extra,
  };
}

const SCRIPT = [
  detail('VALIDATING'),
  detail('RUNNING', { counts: { rows: 150, valid: 150, invalid: 0, applied: 70, compensated: 0 },
    steps: [{ name: 'Upload', status: 'SUCCEEDED' }, { name: 'Validate', status: 'SUCCEEDED' }, { name: 'Apply', status: 'STARTED' }] }),
  detail('ROLLING_BACK', { counts: { rows: 150, valid: 150, invalid: 0, applied: 70, compensated: 20 } }),
  detail('ROLLED_BACK', {
    counts: { rows: 150, valid: 150, invalid: 0, applied: 70, compensated: 70 },
    steps: [
      { name: 'Upload', status: 'SUCCEEDED', startedAt: '2026-11-25T12:00:00Z', endedAt: '2026-11-25T12:00:01Z' },
      { name: 'Validate', status: 'SUCCEEDED', startedAt: '2026-11-25T12:00:01Z', endedAt: '2026-11-25T12:00:01.400Z' },
      { name: 'Apply', status: 'FAILED', startedAt: '2026-11-25T12:00:01.400Z', endedAt: '2026-11-25T12:00:04Z',
        detail: 'Row 75: Record ID recAAAAAAAAAAAAAA does not exist' },
      { name: 'Compensate', status: 'SUCCEEDED', startedAt: '2026-11-25T12:00:04Z', endedAt: '2026-11-25T12:00:05Z',
        detail: '70 operation(s) undone' },
    ],
    rowErrors: [{ row: 76, column: 'Company', field: 'Company', code: 'ROW_DOES_NOT_EXIST',
      message: 'Record ID recAAAAAAAAAAAAAA does not exist.' }],
    error: { code: 'AIRTABLE_INVALID_REQUEST', message: 'Airtable refused chunk 8: Record ID recAAAAAAAAAAAAAA does not exist.' },
  }),
];

test('the import screens: upload with progress, live status, steps, row errors and the rollback', async ({ page, baseUrl }) => {
  const requests: { url: string; method: string; body: unknown; headers: Record<string, string> }[] = [];
  let polls = 0;
  await page.route('**/imports**', async (route: Route) => {
    const request = route.request();
    const url = new URL(request.url());
    if (url.pathname.startsWith('/app/')) return route.fallback();
    requests.push({ url: url.pathname, method: request.method(), body: request.postDataJSON() as unknown,
      headers: request.headers() });
    if (request.method() === 'POST' && url.pathname === '/imports') {
      return route.fulfill({ status: 201, contentType: 'application/json', body: JSON.stringify({
        importId: ID, status: 'AWAITING_UPLOAD', uploadUrl: `${baseUrl}/__s3/uploads/${ID}?X-Amz-Signature=abc`,
        uploadMethod: 'PUT', uploadHeaders: { 'Content-Type': 'text/csv' }, maxBytes: 10_000_000,
        expiresAt: '2026-11-25T12:15:00Z' }) });
    }
    if (url.pathname === `/imports/${ID}`) {
      const body = SCRIPT[Math.min(polls, SCRIPT.length - 1)];
      polls += 1;
      return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
    }
    if (url.pathname === '/imports') {
      return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ imports: [] }) });
    }
    return route.fallback();
  });
  let uploaded: { method: string; contentType: string | undefined; authorization: string | undefined; size: number } | null = null;
  await page.route('**/__s3/**', async (route) => {
    const request = route.request();
    uploaded = { method: request.method(), contentType: request.headers()['content-type'],
      authorization: request.headers().authorization, size: request.postDataBuffer()?.length ?? 0 };
    // S3 takes its time to answer: the progress bar stays up meanwhile
    await new Promise((ok) => setTimeout(ok, 1500));
    await route.fulfill({ status: 200, body: '' });
  });

  const session = await signedInSession(baseUrl);
  await page.addInitScript((value) => {
    window.localStorage.setItem('pyairtable.session', value);
  }, session);
  await page.goto(`/app/imports/new?baseId=${DEMO_BASE}&table=Contacts`);
  await expect(page.getByLabel('Table')).toHaveValue(/^tbl/);
  const csv = 'Name,Email,Company\r\n' + Array.from({ length: 150 }, (_, i) => `P${i},p${i}@example.com,recAAAAAAAAAAAAAA`).join('\r\n');
  await page.locator('input[type=file]').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByLabel('Field for column Email')).toHaveValue('Email');
  await expectAccessible(page, 'new import with the mapping preview');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('progressbar', { name: /^Uploading people\.csv/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Cancel upload' })).toBeVisible();

  await expect(page).toHaveURL(new RegExp(`/app/imports/${ID}$`));
  const create = requests.find((r) => r.method === 'POST' && r.url === '/imports');
  expect(create?.body).toMatchObject({ baseId: DEMO_BASE, fileName: 'people.csv', contentType: 'text/csv', mode: 'create',
    typecast: true, onInvalidRows: 'reject', mapping: { Name: 'Name', Email: 'Email', Company: 'Company' } });
  expect((create?.body as { table: string }).table).toMatch(/^tbl/);
  expect(uploaded).toEqual({ method: 'PUT', contentType: 'text/csv', authorization: undefined, size: csv.length });

  // live status: every state in turn, a progress bar while writing, then the rollback
  const badge = page.locator('[data-status]');
  await expect(badge).toHaveAttribute('data-status', 'RUNNING');
  await expect(page.getByRole('progressbar', { name: '70 of 150 rows written' })).toHaveAttribute('aria-valuenow', '47');
  await expect(badge).toHaveAttribute('data-status', 'ROLLING_BACK');
  await expect(page.getByRole('region', { name: 'Rolling back' })).toContainText('20 records of 70 records written so far undone');
  await expect(badge).toHaveAttribute('data-status', 'ROLLED_BACK');
  const panel = page.getByRole('region', { name: 'Rolled back' });
  await expect(panel).toContainText('70 records written before the failure were undone.');
  await expect(panel).toContainText('Airtable refused chunk 8');
  await expect(panel).toContainText('The table is exactly as it was before this import.');
  await expect(page.locator('.steps li')).toHaveText([/Upload.*succeeded.*1\.0 s/, /Validate.*succeeded.*400 ms/,
    /Apply.*failed.*2\.6 s.*Row 75/, /Compensate.*succeeded.*1\.0 s.*70 operation/]);
  await expect(page.getByRole('region', { name: /Rows with problems/ })).toContainText('Record ID recAAAAAAAAAAAAAA does not exist.');
  await expect(page.getByRole('button', { name: 'Cancel import' })).toHaveCount(0);
  await expectAccessible(page, 'rolled-back import');
  // scripted data, so the picture stays in test-results/ (docs/ gets the real one from imports.spec.ts)
  await page.screenshot({ path: test.info().outputPath('rolled-back-scripted.png'), fullPage: true });

  // polling stopped at the final state
  const settled = polls;
  await page.waitForTimeout(2500);
  expect(polls).toBe(settled);
});
