// The jobs table and the job page: a job moving to COMPLETED on screen without a reload, a bulk cancel
// with its dry-run preview, filters narrowing the table (and kept in the link), markup in a job's name and
// metadata shown as text, a job's webhook deliveries with a failed one sent again, another tenant's job not found, a member refused another's job, and a table of
// a few hundred jobs that scrolls with only the visible rows in the page.
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CONSOLE_URL, TOKENS, apiCall, assertAccessible, assertClean, launch, newPage, screenshot, signIn, uploadFile, waitForState, callRecords } from './harness.mjs';

const RUN = `r${Date.now().toString(36)}`;
const FAR = new Date(Date.now() + 30 * 86400_000).toISOString().replace(/\.\d+Z$/, 'Z');
let browser;
before(async () => (browser = await launch()));
after(async () => browser?.close());

/** Uploads with extra form fields (scheduleAt, metadata) through POST /upload. */
async function upload(role, filename, content, fields = {}) {
  const form = new FormData();
  form.append('file', new Blob([content], { type: 'text/csv' }), filename);
  for (const [k, v] of Object.entries(fields)) form.append(k, typeof v === 'string' ? v : JSON.stringify(v));
  return apiCall(role, 'POST', '/upload', { body: form });
}

const rowOf = (page, name) => page.locator('.jobs-table tbody tr', { has: page.getByRole('link', { name, exact: true }) });
const bodyRows = (page) => page.locator('.jobs-table tbody tr:not(.spacer)');

test('a job uploaded appears in the table and reaches COMPLETED there and on its page without a reload', async () => {
  const page = await newPage(browser);
  await signIn(page, 'member', { hash: '#/jobs' });
  await page.getByRole('heading', { name: 'Jobs' }).waitFor();
  await page.getByText('Live', { exact: true }).waitFor();
  await page.evaluate(() => (window.__notReloaded = true));

  const name = `${RUN}-live.csv`;
  const job = await uploadFile('member', name, callRecords(30));
  const row = rowOf(page, name);
  await row.waitFor({ timeout: 90_000 });
  await row.locator('.state-completed').waitFor({ timeout: 180_000 });
  assert.match(await row.innerText(), /CDR/);
  assert.match(await row.innerText(), /100 %/);
  assert.equal(await page.evaluate(() => window.__notReloaded), true, 'the page was reloaded');
  await assertAccessible(page, 'jobs table');
  await screenshot(page, 'jobs-table-live');

  // Its page, then a job that is held (scheduled) released while the page is open.
  await row.getByRole('link', { name }).click();
  await page.getByRole('heading', { name: /live\.csv/ }).waitFor();
  await page.getByRole('heading', { name: 'Steps' }).waitFor();
  await page.getByRole('heading', { name: 'Classification' }).waitFor();
  await page.locator('.result-table tbody tr').first().waitFor();
  assert.equal(await page.locator('.result-table tbody tr').count(), 25, 'the first 25 records');
  await page.getByRole('button', { name: 'Next records' }).click();
  await page.getByText(/Records 26–30 of 30/).waitFor();
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
  assert.equal(csv.suggestedFilename(), `${RUN}-live.csv`);
  const csvText = await (await csv.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString());
  assert.equal(csvText.trim().split('\n').length, 31, 'a header and 30 records');
  const [ndjson] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download NDJSON' }).click()]);
  assert.equal(ndjson.suggestedFilename(), `${RUN}-live.ndjson`);
  await page.getByText('Event history').click();
  await page.locator('.history tbody tr').first().waitFor();
  await assertAccessible(page, 'job page completed');
  await screenshot(page, 'job-page-completed');

  const held = await upload('member', `${RUN}-held.csv`, callRecords(2), { scheduleAt: FAR });
  assert.equal(held.state, 'SCHEDULED');
  await page.goto(CONSOLE_URL + `#/jobs/${held.id}`);
  await page.getByRole('heading', { name: /held\.csv/ }).waitFor();
  await page.locator('h1 .state-scheduled').waitFor();
  await screenshot(page, 'job-page-scheduled');
  await page.evaluate(() => (window.__notReloaded = true));
  await apiCall('member', 'PUT', `/jobs/${held.id}/schedule`, { body: { scheduleAt: new Date().toISOString() } });
  await page.locator('h1 .state-completed').waitFor({ timeout: 180_000 });
  await page.locator('.result-table tbody tr').first().waitFor();
  assert.equal(await page.evaluate(() => window.__notReloaded), true, 'the page was reloaded');
  assert.ok(job.id);
  assertClean(page);
  await page.context().close();
});

test('a bulk cancel shows its dry run first, then cancels the held jobs and skips the finished one', async () => {
  const held = [];
  for (let i = 0; i < 3; i++) held.push(await upload('member', `${RUN}-bulk-${i}.csv`, callRecords(2), { scheduleAt: FAR }));
  const done = await uploadFile('member', `${RUN}-bulk-done.csv`, callRecords(2));
  await waitForState('member', done.id, ['COMPLETED'], 180_000);

  const page = await newPage(browser);
  await signIn(page, 'member', { hash: `#/jobs?filename=${RUN}-bulk` });
  await rowOf(page, `${RUN}-bulk-done.csv`).locator('.state-completed').waitFor();
  assert.equal(await bodyRows(page).count(), 4);
  await page.getByRole('checkbox', { name: 'Select every loaded job' }).check();
  await page.getByText('4 selected').waitFor();
  await page.getByLabel('Action', { exact: true }).selectOption('cancel');
  await page.getByRole('button', { name: 'Preview cancel…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Cancel: preview' });
  await dialog.waitFor();
  const preview = await dialog.innerText();
  assert.match(preview, /3 of 4 jobs would be cancelled/);
  assert.match(preview, /1 skipped/);
  assert.match(preview, /already finished \(1\)/);
  for (const job of held) assert.equal((await apiCall('member', 'GET', `/status/${job.id}`)).state, 'SCHEDULED', 'the dry run changed a job');
  await assertAccessible(page, 'bulk preview');
  await screenshot(page, 'jobs-bulk-preview');
  await dialog.getByRole('button', { name: 'Cancel 3 jobs' }).click();
  await page.locator('.bulk-result').getByText(/3 of 4 jobs were cancelled/).waitFor();
  for (let i = 0; i < 3; i++) await rowOf(page, `${RUN}-bulk-${i}.csv`).locator('.state-cancelled').waitFor();
  for (const job of held) assert.equal((await apiCall('member', 'GET', `/status/${job.id}`)).state, 'CANCELLED');
  await assertAccessible(page, 'bulk done');
  await screenshot(page, 'jobs-bulk-done');
  assertClean(page);
  await page.context().close();
});

test('filters narrow the table and stay in the link', async () => {
  const page = await newPage(browser);
  await signIn(page, 'member', { hash: '#/jobs' });
  await bodyRows(page).first().waitFor();
  await page.getByLabel('File name contains').fill(`${RUN}-bulk`);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForFunction(() => location.hash.includes('filename='));
  await page.getByText(/^4 jobs loaded of 4/).waitFor();
  await page.getByLabel('State', { exact: true }).selectOption('CANCELLED');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.getByText(/^3 jobs loaded of 3/).waitFor();
  assert.equal(await bodyRows(page).count(), 3);
  assert.equal(await page.locator('.jobs-table tbody .state-completed').count(), 0);
  assert.match(page.url(), /state=CANCELLED/);
  await assertAccessible(page, 'jobs filtered');
  await screenshot(page, 'jobs-filtered');

  // The same link in a fresh tab gives the same table.
  const url = page.url();
  const again = await newPage(browser);
  await signIn(again, 'member', { hash: url.substring(url.indexOf('#')) });
  await again.getByText(/^3 jobs loaded of 3/).waitFor();
  assert.equal(await again.getByLabel('State', { exact: true }).inputValue(), 'CANCELLED');

  // Search in the metadata (q), and a filter nothing matches.
  await upload('member', `${RUN}-meta.csv`, callRecords(2), { metadata: { batch: `${RUN}-batch-q` }, scheduleAt: FAR });
  await again.goto(CONSOLE_URL + `#/jobs?q=${RUN}-batch-q`);
  await again.getByText(/^1 job loaded of 1/).waitFor();
  await again.getByRole('link', { name: `${RUN}-meta.csv` }).waitFor();
  await again.goto(CONSOLE_URL + `#/jobs?filename=${RUN}-nothing`);
  await again.getByText('No job matches these filters.').waitFor();
  assertClean(page);
  assertClean(again);
  await page.context().close();
  await again.context().close();
});

test('markup in a file name and in metadata is shown as text', async () => {
  // Every view escapes, so the API takes markup in a name as it is; the name is unique to this run
  // so that the search finds this job alone.
  const name = `<img src=x onerror=alert(1)> ${RUN} & 'q'.csv`;
  const markup = '<img src=x onerror=alert(1)>';
  const job = await upload('member', name, callRecords(2), { metadata: { note: markup, [markup]: 'key' } });
  assert.equal(job.filename, name);
  await waitForState('member', job.id, ['COMPLETED', 'NEEDS_MAPPING', 'FAILED'], 180_000);

  const page = await newPage(browser);
  const dialogs = [];
  page.on('dialog', (d) => (dialogs.push(d.message()), d.dismiss()));
  await signIn(page, 'member', { hash: `#/jobs?q=${encodeURIComponent(RUN + ' onerror')}` });
  const row = rowOf(page, job.filename);
  await row.waitFor();
  assert.equal(await page.locator('main img').count(), 0, 'an img element in the table');
  await screenshot(page, 'jobs-markup-table');
  await row.getByRole('link').click();
  await page.locator('.job-name').waitFor();
  assert.equal(await page.locator('.job-name').innerText(), job.filename);
  await page.locator('dl.metadata').getByText(markup, { exact: true }).first().waitFor();
  assert.equal(await page.locator('main img').count(), 0, 'an img element on the job page');
  assert.deepEqual(dialogs, []);
  await assertAccessible(page, 'job page with markup');
  await screenshot(page, 'job-markup-page');
  assertClean(page);
  await page.context().close();
});

test("an admin sees what the tenant's webhook endpoints were sent about a job and sends a failed one again; a member does not see them", async () => {
  // Two receivers on loopback (the test domain allows loopback targets): one answers 204, the other
  // 500 until told otherwise; each endpoint wants job.completed only.
  let broken = true;
  const received = [];
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push({ path: request.url, body });
      response.writeHead(request.url === '/broken' && broken ? 500 : 204).end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  const endpoints = [];
  try {
    for (const path of ['/ok', '/broken']) {
      const created = await apiCall('admin', 'POST', '/webhooks', { body: { url: base + path, description: `console ${RUN}`, eventTypes: ['job.completed'] } });
      endpoints.push(created.webhook.id);
    }
    const job = await uploadFile('member', `${RUN}-hooked.csv`, callRecords(2));
    await waitForState('member', job.id, ['COMPLETED'], 180_000);

    const page = await newPage(browser);
    await signIn(page, 'admin', { hash: `#/jobs/${job.id}` });
    const section = page.locator('section', { has: page.getByRole('heading', { name: 'Webhook deliveries' }) });
    const row = (path) => section.locator('tbody tr', { has: page.getByText(base + path, { exact: true }) });
    await row('/ok').and(page.locator('[data-status="DELIVERED"]')).waitFor({ timeout: 30_000 });
    const failed = row('/broken').and(page.locator('[data-status="FAILED"]'));
    await failed.waitFor({ timeout: 60_000 });
    assert.equal(await failed.locator('td.num').innerText(), '4', 'tried four times (1 s, 2 s, 3 s apart)');
    assert.match(await failed.innerText(), /500/);
    await assertAccessible(page, 'job webhook deliveries');
    await screenshot(page, 'job-webhook-deliveries');

    broken = false;
    await failed.getByRole('button', { name: `Send again: job.completed to ${base}/broken` }).click();
    await section.getByRole('status').getByText(`job.completed is due again at ${base}/broken.`).waitFor();
    await row('/broken').and(page.locator('[data-status="DELIVERED"]')).waitFor({ timeout: 30_000 });
    assert.equal(received.filter((r) => r.path === '/broken' && r.body.includes(job.id)).length, 5, 'four attempts and the one sent again');
    assertClean(page);
    await page.context().close();

    const member = await newPage(browser);
    await signIn(member, 'member', { hash: `#/jobs/${job.id}` });
    await member.getByRole('heading', { name: 'Steps' }).waitFor();
    assert.equal(await member.getByRole('heading', { name: 'Webhook deliveries' }).count(), 0, 'a member sees no deliveries');
    assertClean(member);
    await member.context().close();
  } finally {
    for (const id of endpoints) await apiCall('admin', 'DELETE', `/webhooks/${id}`).catch(() => {});
    server.close();
  }
});

test("another tenant's job is not found, and a member may not cancel another member's job", async () => {
  const mine = await upload('admin', `${RUN}-admins.csv`, callRecords(2), { scheduleAt: FAR });
  const page = await newPage(browser);
  await signIn(page, 'other', { hash: `#/jobs/${mine.id}` });
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /Job not found/);
  assert.match(await alert.innerText(), /404/);
  await assertAccessible(page, 'job not found');
  await screenshot(page, 'job-not-found');
  assertClean(page);
  await page.context().close();

  const member = await newPage(browser);
  await signIn(member, 'member', { hash: `#/jobs/${mine.id}` });
  await member.getByRole('heading', { name: /admins\.csv/ }).waitFor();
  await member.getByRole('button', { name: 'Cancel job' }).click();
  await member.getByRole('dialog').getByRole('button', { name: 'Cancel job' }).click();
  const refused = member.getByRole('alert');
  await refused.waitFor();
  assert.match(await refused.innerText(), /403/);
  assert.match(await refused.innerText(), /Ask an admin/);
  assert.equal((await apiCall('admin', 'GET', `/status/${mine.id}`)).state, 'SCHEDULED');
  await assertAccessible(member, 'job cancel refused');
  await screenshot(member, 'job-cancel-refused');
  assertClean(member);
  await member.context().close();
});

test('a member cancels a held job of their own on its page, retries it, and sees it complete', async () => {
  const held = await upload('member', `${RUN}-retry.csv`, callRecords(3), { scheduleAt: FAR });
  const page = await newPage(browser);
  await signIn(page, 'member', { hash: `#/jobs/${held.id}` });
  await page.locator('h1 .state-scheduled').waitFor();
  await page.getByRole('button', { name: 'Cancel job' }).click();
  const dialog = page.getByRole('dialog', { name: 'Cancel this job?' });
  await assertAccessible(page, 'job cancel confirm');
  await dialog.getByRole('button', { name: 'Cancel job' }).click();
  await page.locator('h1 .state-cancelled').waitFor();
  assert.equal((await apiCall('member', 'GET', `/status/${held.id}`)).state, 'CANCELLED');
  await page.getByRole('button', { name: 'Retry job' }).click();
  await page.locator('h1 .state-completed').waitFor({ timeout: 180_000 });
  await page.locator('.result-table tbody tr').first().waitFor();
  await screenshot(page, 'job-retried');
  assertClean(page);
  await page.context().close();
});

/** How many jobs the server takes in one bulk request (fileparser.jobs.bulk.max-items). */
const BULK_MAX_ITEMS = Number(process.env.CONSOLE_BULK_MAX_ITEMS ?? 10_000);

test('a few hundred jobs scroll with only the visible rows in the page, and go in one bulk delete', async () => {
  const COUNT = 260;
  let next = 0;
  const worker = async () => {
    while (next < COUNT) {
      const i = next++;
      await upload('member', `${RUN}-many-${String(i).padStart(4, '0')}.csv`, callRecords(1), { scheduleAt: FAR });
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));

  const page = await newPage(browser);
  await signIn(page, 'member', { hash: `#/jobs?filename=${RUN}-many` });
  await page.getByText(/of 260/).waitFor();
  const scroller = page.locator('.jobs-scroll');
  // Scroll to the end: the second page loads and the DOM keeps only the rows in view. Scrolling goes on
  // until it has loaded (a slow answer may come after any fixed number of scrolls), then once more.
  const all = page.getByText(/^260 jobs loaded of 260/);
  for (const until = Date.now() + 60_000; !(await all.isVisible()); await page.waitForTimeout(100)) {
    assert.ok(Date.now() < until, 'the second page never loaded');
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
  }
  await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await page.getByRole('link', { name: `${RUN}-many-0000.csv` }).waitFor();
  const rendered = await bodyRows(page).count();
  assert.ok(rendered < 60, `${rendered} rows in the DOM for 260 loaded`);
  // Scrolling stays responsive: a long scroll takes a handful of frames, not seconds.
  const ms = await scroller.evaluate(async (el) => {
    const start = performance.now();
    for (let i = 0; i < 40; i++) {
      el.scrollTop = (i % 2 ? 0.2 : 0.8) * el.scrollHeight;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    }
    return (performance.now() - start) / 40;
  });
  assert.ok(ms < 1000, `${ms.toFixed(0)} ms a scroll step`);
  await assertAccessible(page, 'jobs many');
  await screenshot(page, 'jobs-many');

  // Every job the filters select deleted in one operation: over the synchronous threshold, it runs in
  // the background.
  await page.getByRole('checkbox', { name: 'Select every loaded job' }).check();
  await page.getByText('260 selected').waitFor();
  await page.getByRole('checkbox', { name: 'Every job matching the filters (260)' }).check();
  await page.getByText('all 260 matching').waitFor();
  await page.getByLabel('Action', { exact: true }).selectOption('delete');
  await page.getByRole('button', { name: 'Preview delete…' }).click();
  if (COUNT > BULK_MAX_ITEMS) {
    // A server that takes fewer jobs in one bulk request (the system tests' takes 8) refuses, and the
    // console says so instead of previewing.
    await page.locator('[data-code="bulk_limit_exceeded"]').waitFor({ timeout: 180_000 });
    await screenshot(page, 'jobs-many-over-limit');
    assertClean(page);
    await page.context().close();
    return;
  }
  const dialog = page.getByRole('dialog', { name: 'Delete: preview' });
  await dialog.waitFor({ timeout: 180_000 });
  assert.match(await dialog.innerText(), /260 of 260 jobs would be deleted/);
  await dialog.getByRole('button', { name: 'Delete 260 jobs' }).click();
  // Its progress (from bulk.progress events) while it runs, if this machine is slow enough to see it.
  await page
    .locator('.bulk-running')
    .waitFor({ timeout: 5000 })
    .then(() => screenshot(page, 'jobs-many-deleting'))
    .catch(() => {});
  await page.locator('.bulk-result').getByText(/260 of 260 jobs were deleted/).waitFor({ timeout: 120_000 });
  await page.getByText('No job matches these filters.').waitFor({ timeout: 180_000 });
  await page.getByText(/^0 jobs loaded of 0/).waitFor();
  const left = await apiCall('member', 'GET', `/jobs?filename=${RUN}-many&total=true&limit=1`);
  assert.equal(left.total, 0);
  await screenshot(page, 'jobs-many-deleted');
  assertClean(page);
  await page.context().close();
});

test('ten thousand rows loaded page by page keep the page responsive (GET /jobs answered by the test)', async () => {
  const page = await newPage(browser);
  await signIn(page, 'viewer', { hash: '#/notifications' });
  // The API's own pages, made up: 50 pages of 200 jobs behind opaque cursors.
  const at = new Date().toISOString();
  await page.route(/\/api\/parser\/jobs\?/, async (route) => {
    const url = new URL(route.request().url());
    const from = Number(url.searchParams.get('cursor') ?? 0);
    const items = Array.from({ length: 200 }, (_, i) => ({
      id: `00000000-0000-4000-8000-${String(from + i).padStart(12, '0')}`,
      state: ['COMPLETED', 'RUNNING', 'QUEUED', 'FAILED'][(from + i) % 4],
      priority: (from + i) % 10,
      filename: `synthetic-${from + i}.csv`,
      file: { format: 'CSV' },
      progress: { percent: (from + i) % 101 },
      classification: { layout: 'csv-generic', confidence: 0.5 },
      submittedBy: 'user:synthetic',
      createdAt: at,
      attempts: 1,
    }));
    const next = from + 200 < 12_000 ? String(from + 200) : undefined;
    await route.fulfill({ json: { items, next, ...(from === 0 ? { total: 12_000 } : {}) } });
  });
  await page.evaluate(() => (location.hash = '#/jobs'));
  await page.getByText(/^200 jobs loaded of 12,000/).waitFor();
  const scroller = page.locator('.jobs-scroll');
  const started = Date.now();
  while (!(await page.getByText(/^10,000 jobs loaded of 12,000/).isVisible())) {
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await page.waitForTimeout(30);
    assert.ok(Date.now() - started < 240_000, 'ten thousand rows took too long to load');
  }
  await page.getByText(/at most 10,000 jobs/).waitFor();
  const rendered = await bodyRows(page).count();
  assert.ok(rendered < 60, `${rendered} rows in the DOM for 10,000 loaded`);
  const ms = await scroller.evaluate(async (el) => {
    const start = performance.now();
    for (let i = 0; i < 40; i++) {
      el.scrollTop = ((i * 7919) % 100) / 100 * el.scrollHeight;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    }
    return (performance.now() - start) / 40;
  });
  assert.ok(ms < 1000, `${ms.toFixed(0)} ms a scroll step with 10,000 rows`);
  await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
  await page.getByRole('link', { name: /synthetic-\d+\.csv/ }).first().waitFor();
  await screenshot(page, 'jobs-ten-thousand');
  console.log(`10,000 rows: ${rendered} in the DOM, ${ms.toFixed(1)} ms a scroll step, loaded in ${Date.now() - started} ms`);
  assertClean(page);
  await page.context().close();
});

test('a viewer sees the table without selection or actions, and the table fits a phone', async () => {
  const page = await newPage(browser, { viewport: { width: 390, height: 844 } });
  await signIn(page, 'viewer', { hash: `#/jobs?filename=${RUN}-bulk` });
  await page.getByText(/^4 jobs loaded of 4/).waitFor();
  assert.equal(await page.getByRole('checkbox').count(), 0);
  assert.equal(await page.getByRole('region', { name: 'Bulk actions' }).count(), 0);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
  await assertAccessible(page, 'jobs phone');
  await screenshot(page, 'jobs-phone');
  await bodyRows(page).first().getByRole('link').click();
  await page.getByRole('heading', { name: 'Steps' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Delete job' }).count(), 0);
  const overflow2 = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow2 <= 0, `the job page scrolls sideways by ${overflow2}px`);
  await assertAccessible(page, 'job page phone');
  await screenshot(page, 'job-phone');
  assertClean(page);
  await page.context().close();
});

assert.ok(TOKENS.member, 'CONSOLE_TOKENS');
