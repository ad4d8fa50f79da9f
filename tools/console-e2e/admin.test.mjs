// The admin screen: the queue paused and resumed (a job waits, then completes), dead letters listed
// and acted on, the charts, usage with its CSV export, the audit trail and its chain verified, the
// operator's tenant settings, the workers; a member is not offered Admin.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { CONSOLE_URL, TOKENS, apiCall, assertAccessible, assertClean, launch, newPage, screenshot, signIn, uploadFile, waitForState, callRecords } from './harness.mjs';

const RUN = `a${Date.now().toString(36)}`;
let browser;
before(async () => (browser = await launch()));
after(async () => browser?.close());

const section = (page, name) => page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name, exact: true });
const stat = (page, label) => page.locator('.stat', { has: page.locator('.stat-label', { hasText: new RegExp(`^${label}$`) }) }).locator('.stat-value');

test('an admin pauses dispatch: an upload waits in the queue, then completes once dispatch is resumed', async () => {
  const page = await newPage(browser);
  await signIn(page, 'admin', { hash: '#/admin' });
  await page.getByRole('heading', { name: 'Queue' }).waitFor();
  await page.getByText('Running', { exact: false }).first().waitFor();
  await assertAccessible(page, 'admin queue');
  await screenshot(page, 'admin-queue-running');

  await page.getByRole('button', { name: 'Pause dispatch' }).click();
  await page.getByText('Dispatch paused: new jobs wait until it is resumed.').waitFor();
  await page.getByRole('button', { name: 'Resume dispatch' }).waitFor();
  assert.equal((await apiCall('admin', 'GET', '/admin/queue')).pausedForTenant, true);

  const job = await uploadFile('member', `${RUN}-paused.csv`, callRecords(4));
  await waitForState('member', job.id, ['QUEUED']);
  // the queue refreshes on the tenant's live events: the job shows up as waiting, no reload
  await stat(page, 'waiting').filter({ hasText: /^1$/ }).waitFor({ timeout: 30_000 });
  assert.equal((await apiCall('member', 'GET', `/status/${job.id}`)).state, 'QUEUED');
  await page.getByText(/Paused for this tenant/).waitFor();
  await assertAccessible(page, 'admin queue paused');
  await screenshot(page, 'admin-queue-paused');

  await page.getByRole('button', { name: 'Resume dispatch' }).click();
  await page.getByText('Dispatch resumed: waiting jobs go to the workers.').waitFor();
  await waitForState('member', job.id, ['COMPLETED'], 120_000);
  await stat(page, 'waiting').filter({ hasText: /^0$/ }).waitFor({ timeout: 30_000 });
  assert.equal((await apiCall('admin', 'GET', '/admin/queue')).pausedForTenant, false);
  await screenshot(page, 'admin-queue-resumed');
  assertClean(page);
  await page.context().close();
});

/** Uploads with form fields (metadata) through POST /upload. */
async function upload(role, filename, content, fields = {}) {
  const form = new FormData();
  form.append('file', new Blob([content], { type: 'text/csv' }), filename);
  for (const [k, v] of Object.entries(fields)) form.append(k, typeof v === 'string' ? v : JSON.stringify(v));
  return apiCall(role, 'POST', '/upload', { body: form });
}

test('an admin re-queues a dead letter and purges it (or, where no job can be dead-lettered, sees the API skip one)', async () => {
  const page = await newPage(browser);
  await signIn(page, 'admin', { hash: '#/admin/dead-letters' });
  await page.getByRole('heading', { name: 'Dead letters' }).waitFor();
  await page.getByText(/^No dead letters/).waitFor();
  await assertAccessible(page, 'dead letters empty');
  await screenshot(page, 'admin-dead-letters-empty');

  // A worker with test hooks (PARSER_TEST_HOOKS=1, as the integration tests start one) fails every
  // attempt of this job, so it is dead-lettered; a worker without them completes it.
  const name = `dead "letter" & 'odd' &amp; ${RUN}.csv`; // markup-like characters the API allows in a name
  const uploaded = await upload('member', name, callRecords(3), { metadata: { simulate: 'retryable_failure' } });
  const job = await waitForState('member', uploaded.id, ['DEAD_LETTERED', 'COMPLETED', 'FAILED'], 240_000);
  // The name as the server stored it (a multipart body written by Node's fetch sends `"` as %22).
  const listedName = uploaded.filename;
  const rowLink = page.getByRole('link', { name: listedName, exact: true });
  const checkbox = page.getByRole('checkbox', { name: `Select ${listedName}` });

  if (job.state === 'DEAD_LETTERED') {
    try {
      await rowLink.waitFor({ timeout: 30_000 }); // listed live (job.dead_lettered), no reload
    } catch (e) {
      await screenshot(page, 'admin-dead-letters-missing');
      const listed = await apiCall('admin', 'GET', '/admin/queue/dead-letters');
      throw new Error(`not listed on screen: ${await page.locator('main').innerText()}\nthe API lists: ${JSON.stringify(listed)}\n${page.failures}`, { cause: e });
    }
    assert.equal(await rowLink.innerText(), listedName, 'a file name was not rendered as text');
    assert.match(await page.locator('table.dead-letters tbody tr').first().innerText(), /StorageUnavailable/);
    await assertAccessible(page, 'dead letters listed');
    await screenshot(page, 'admin-dead-letters-listed');
    await checkbox.check();
    await page.getByRole('button', { name: 'Re-queue selected (1)' }).click();
    await page.getByRole('dialog', { name: 'Re-queue dead letters?' }).getByRole('button', { name: 'Re-queue' }).click();
    await page.locator('.outcome', { hasText: 'Re-queued: 1 of 1' }).waitFor();
    await screenshot(page, 'admin-dead-letters-requeue-outcome');
    const history = await apiCall('admin', 'GET', `/jobs/${job.id}/history?limit=1000`);
    const firstDead = history.items.find((e) => e.state === 'DEAD_LETTERED').seq;
    assert.ok(history.items.some((e) => e.seq > firstDead && e.state === 'QUEUED'), 'the job went back to the queue');
    // the cause is still there (the hook): it is dead-lettered again, and then purged
    await waitForState('member', job.id, ['DEAD_LETTERED'], 240_000);
    await rowLink.waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Purge all' }).click();
    await page.getByRole('dialog', { name: 'Purge dead letters?' }).getByRole('button', { name: 'Purge' }).click();
    await page.locator('.outcome', { hasText: 'Purged: 1 of 1' }).waitFor();
    await page.getByText(/^No dead letters/).waitFor();
    const gone = await apiCall('admin', 'GET', `/status/${job.id}`, { raw: true });
    assert.equal(gone.status, 404);
  } else {
    // Nothing can be dead-lettered here (the shared dev server's worker runs without test hooks):
    // the list is given one row naming this real job; re-queue and purge go to the server, which
    // answers for it item by item: not dead-lettered, skipped, and leaves it alone.
    const row = { jobId: job.id, tenantId: TOKENS.tenant, filename: listedName, format: 'CSV', attempts: 4, failureCategory: 'StorageUnavailable', failureMessage: 'the store did not answer', deadLetteredAt: new Date().toISOString(), createdAt: job.createdAt };
    await page.route('**/api/parser/admin/queue/dead-letters?**', (route) =>
      route.request().method() === 'GET' ? route.fulfill({ json: { items: [row] } }) : route.continue(),
    );
    await page.getByRole('button', { name: 'Refresh' }).click();
    await rowLink.waitFor();
    assert.equal(await rowLink.innerText(), listedName, 'a file name was not rendered as text');
    await assertAccessible(page, 'dead letters listed');
    await screenshot(page, 'admin-dead-letters-listed');
    await checkbox.check();
    await page.getByRole('button', { name: 'Re-queue selected (1)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Re-queue dead letters?' });
    await dialog.waitFor();
    await assertAccessible(page, 'dead letters confirm');
    await dialog.getByRole('button', { name: 'Re-queue' }).click();
    const outcome = page.locator('.outcome');
    await outcome.waitFor();
    assert.match(await outcome.innerText(), /Re-queued: 0 of 1, 1 skipped/);
    assert.match(await outcome.innerText(), new RegExp(`${job.id}: skipped \\(no longer dead-lettered\\)`));
    await screenshot(page, 'admin-dead-letters-requeue-outcome');
    await checkbox.check();
    await page.getByRole('button', { name: 'Purge selected' }).click();
    await page.getByRole('dialog', { name: 'Purge dead letters?' }).getByRole('button', { name: 'Purge' }).click();
    await page.locator('.outcome', { hasText: 'Purged: 0 of 1, 1 skipped' }).waitFor();
    assert.equal((await apiCall('admin', 'GET', `/status/${job.id}`)).state, job.state);
  }
  assertClean(page);
  await page.context().close();
});

test('throughput and latency charts are drawn from the figures of the window', async () => {
  const page = await newPage(browser);
  await signIn(page, 'admin', { hash: '#/admin/metrics' });
  await page.getByRole('heading', { name: 'Throughput and latency' }).waitFor();
  await page.locator('figure.chart', { hasText: 'Jobs per hour' }).locator('canvas').waitFor();
  await page.locator('figure.chart', { hasText: 'Processing time per format' }).locator('canvas').waitFor();
  // latency over time: the hours in which jobs finished have their percentiles, in the chart and its table
  const overTime = page.locator('figure.chart', { hasText: 'Latency per hour of the jobs that finished in it' });
  await overTime.locator('canvas').waitFor();
  const cells = await overTime.locator('tbody tr td:nth-child(2)').allTextContents();
  assert.ok(cells.some((c) => /^\d+(\.\d+)? s$/.test(c)), `no hour with a processing time: ${cells.join(', ')}`);
  assert.ok(Number(await stat(page, 'completed').innerText()) >= 1);
  await page.getByRole('heading', { name: 'Slowest jobs in the window' }).waitFor();
  await page.locator('table.slowest tbody tr').first().waitFor();
  await page.getByLabel('Window').selectOption({ label: 'Last 7 days' });
  await page.locator('figure.chart', { hasText: 'Jobs per day' }).locator('canvas').waitFor();
  await assertAccessible(page, 'admin metrics');
  await screenshot(page, 'admin-metrics');
  assertClean(page);
  await page.context().close();
});

test('an owner reads usage per day and downloads it as CSV', async () => {
  const page = await newPage(browser, { acceptDownloads: true });
  await signIn(page, 'owner', { hash: '#/admin/usage' });
  await page.getByRole('heading', { name: 'Usage' }).waitFor();
  const today = new Date().toISOString().slice(0, 10);
  const todayRow = page.locator('table.usage tbody tr', { has: page.getByRole('cell', { name: today, exact: true }) });
  await todayRow.waitFor();
  const uploads = Number(await todayRow.locator('td').nth(1).innerText());
  assert.ok(uploads >= 1, `uploads today: ${uploads}`);
  await assertAccessible(page, 'usage');
  await screenshot(page, 'admin-usage');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  assert.match(download.suggestedFilename(), /^usage-day-\d{4}-\d\d-01-\d{4}-\d\d-\d\d\.csv$/);
  const csv = await readFile(await download.path(), 'utf8');
  const [header, ...rows] = csv.trim().split(/\r?\n/);
  assert.match(header, /tenant/i);
  assert.ok(rows.some((r) => r.includes(TOKENS.tenant) && r.includes(today)), csv.slice(0, 500));
  await page.getByText(/^Saved usage-day-/).waitFor();

  // an admin who is not the owner is not offered usage
  const admin = await newPage(browser);
  await signIn(admin, 'admin', { hash: '#/admin' });
  await section(admin, 'Queue').waitFor();
  assert.equal(await section(admin, 'Usage').count(), 0);
  assertClean(page);
  assertClean(admin);
  await admin.context().close();
  await page.context().close();
});

test("the audit trail: a tenant's admin finds the pause; the operator verifies the chain", async () => {
  const page = await newPage(browser);
  await signIn(page, 'admin', { hash: '#/admin/audit' });
  await page.getByRole('heading', { name: 'Audit trail' }).waitFor();
  await page.getByLabel('Action').fill('dispatch.paused');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.locator('table.audit tbody tr', { hasText: 'dispatch.resumed' }).first().waitFor({ state: 'detached' });
  await page.locator('table.audit tbody tr', { hasText: 'dispatch.paused' }).first().waitFor();
  await assertAccessible(page, 'audit admin');
  await screenshot(page, 'admin-audit-search');
  assertClean(page);
  await page.context().close();

  const op = await newPage(browser);
  await signIn(op, 'operator', { hash: '#/admin/audit' });
  await op.getByRole('button', { name: 'Verify the chain' }).click();
  const ok = op.locator('.chain-ok');
  await ok.waitFor({ timeout: 180_000 }); // every record of the platform, after the whole suite in CI
  const text = await ok.innerText();
  const checked = Number(text.match(/(\d+) records checked/)[1]);
  assert.ok(checked >= 1, text);
  const verify = await apiCall('operator', 'GET', '/admin/audit/verify');
  assert.equal(verify.intact, true);
  assert.ok(verify.checked >= checked);
  await op.getByLabel('Tenant').fill(TOKENS.tenant);
  // the unfiltered list already holds other tenants' dispatch.resumed: wait for this tenant's answer
  const searched = op.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/admin/audit') && new URL(r.url()).searchParams.get('tenantId') === TOKENS.tenant);
  await op.getByRole('button', { name: 'Search' }).click();
  await searched;
  await op.locator('table.audit tbody tr', { hasText: 'dispatch.resumed' }).first().waitFor();
  await assertAccessible(op, 'audit verified');
  await screenshot(op, 'admin-audit-verified');
  assertClean(op);
  await op.context().close();
});

test("the operator changes a tenant's settings, sees the workers and every tenant's queue", async () => {
  // enough tenants before this one in id order that it is never on the first page of 100
  for (let n = 0; n < 101; n++) {
    const id = `a-console-page-${String(n).padStart(3, '0')}`;
    const answer = await apiCall('operator', 'POST', '/admin/tenants', { body: { id }, raw: true });
    assert.ok(answer.status === 201 || answer.status === 409, `registering ${id} answered ${answer.status}`);
  }
  const page = await newPage(browser);
  await signIn(page, 'operator', { hash: '#/admin/tenants' });
  await page.getByRole('heading', { name: 'Tenants' }).waitFor();
  await page.getByRole('region', { name: 'Every tenant, in id order' }).waitFor();
  await page.getByLabel('Find a tenant shown').fill(TOKENS.tenant);
  let link = page.getByRole('link', { name: TOKENS.tenant, exact: true });
  // the tenants come a page at a time, in id order; the button is disabled while a page is read and goes
  // away after the last one, so each round waits for the page's answer and then for the button to settle
  const more = page.getByRole('button', { name: 'Show more tenants' });
  while (!(await link.count()) && (await more.count())) {
    const answer = page.waitForResponse((r) => r.request().method() === 'GET' && new URL(r.url()).pathname.endsWith('/admin/tenants'));
    await more.click();
    await answer;
    await page.getByRole('button', { name: 'Show more tenants', disabled: true }).waitFor({ state: 'detached' });
  }
  if (!(await link.count())) {
    await screenshot(page, 'admin-tenants-missing');
    const shown = await page.locator('table tbody tr td:first-child').allInnerTexts();
    const listed = await apiCall('operator', 'GET', '/admin/tenants?limit=200');
    assert.fail(`${TOKENS.tenant} not among the ${shown.length} shown (${shown.slice(-5)}); the API lists ${listed.items.length}: ${listed.items.some((t) => t.id === TOKENS.tenant)}`);
  }
  await assertAccessible(page, 'tenants');
  await screenshot(page, 'admin-tenants');
  await link.click();
  await page.getByRole('heading', { name: `Tenant ${TOKENS.tenant}` }).waitFor();
  assert.equal(new URL(page.url()).hash, `#/admin/tenants/${encodeURIComponent(TOKENS.tenant)}`, 'a tenant has a link of its own');
  await page.getByLabel('Tier').selectOption('premium');
  await page.getByLabel('Jobs in flight cap').fill('7');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText(/^Saved: tier, limits changed/).waitFor();
  const tenant = await apiCall('operator', 'GET', `/admin/tenants/${TOKENS.tenant}`);
  assert.equal(tenant.tier, 'premium');
  assert.equal(tenant.limits.jobsInFlight, 7);
  assert.equal(tenant.limitsInForce.jobsInFlight, 7);
  await assertAccessible(page, 'tenant settings');
  await screenshot(page, 'admin-tenant-settings');

  // back to the tier's cap: the empty field sends null
  await page.getByLabel('Jobs in flight cap').fill('');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText(/^Saved: limits changed/).waitFor();
  assert.equal((await apiCall('operator', 'GET', `/admin/tenants/${TOKENS.tenant}`)).limits.jobsInFlight ?? null, null);

  await section(page, 'Workers').click();
  await page.getByRole('heading', { name: 'Workers' }).waitFor();
  // workers killed by other tests stay listed as stale: ping one that is alive
  const live = (await apiCall('operator', 'GET', '/admin/workers')).items.find((w) => w.alive);
  assert.ok(live, 'no live worker');
  const worker = page.locator('.worker').filter({ has: page.getByRole('heading', { level: 3, name: `${live.hostname} alive`, exact: true }) });
  await worker.waitFor();
  await worker.getByRole('button', { name: 'Send' }).click(); // ping
  // a busy worker may not answer within the server's command timeout: the problem says so then
  await worker.locator('[role=status]:has-text("The worker answered:"), .problem[data-code=worker_no_reply]').first().waitFor({ timeout: 30_000 });
  await assertAccessible(page, 'workers');
  await screenshot(page, 'admin-workers');

  await section(page, 'Queue').click();
  await page.getByRole('columnheader', { name: 'Broker list' }).waitFor();
  await page.getByRole('button', { name: 'Pause every tenant' }).waitFor();
  await screenshot(page, 'admin-queue-operator');
  await section(page, 'Alerts').click();
  await page.getByRole('heading', { name: 'Alerts' }).waitFor();
  await page.locator('table, .empty').first().waitFor();
  await assertAccessible(page, 'alerts');
  await screenshot(page, 'admin-alerts');
  // the platform's throughput comes from every tenant's daily usage; its usage lists every tenant
  await section(page, 'Throughput and latency').click();
  await page.locator('figure.chart', { hasText: 'Jobs per day' }).locator('canvas').waitFor();
  await stat(page, 'live workers').waitFor();
  await assertAccessible(page, 'platform metrics');
  await screenshot(page, 'admin-metrics-operator');
  await section(page, 'Usage').click();
  await page.getByLabel('Tenant').fill(TOKENS.tenant); // every tenant's days are thousands of rows after the suite
  await page.getByRole('button', { name: 'Show' }).click();
  await page.locator('table.usage tbody tr', { hasText: TOKENS.tenant }).first().waitFor({ timeout: 120_000 });
  await assertAccessible(page, 'platform usage');
  assertClean(page);
  await page.context().close();
});

test('a member is not offered Admin, and the admin screen fits a phone', async () => {
  const page = await newPage(browser);
  await signIn(page, 'member', { hash: '#/admin' });
  assert.equal(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).count(), 0);
  assert.equal(await page.getByRole('navigation', { name: 'Admin sections' }).count(), 0);
  assertClean(page);
  await page.context().close();

  const phone = await newPage(browser, { viewport: { width: 390, height: 844 } });
  await signIn(phone, 'admin', { hash: '#/admin/metrics' });
  await phone.locator('figure.chart canvas').first().waitFor();
  for (const name of ['Queue', 'Throughput and latency', 'Audit']) {
    await section(phone, name).click();
    await phone.getByRole('heading', { level: 2, name }).waitFor();
    await phone.locator('main table, main .empty, main figure.chart canvas').first().waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `${name}: the page is ${overflow}px wider than the screen`);
  }
  await screenshot(phone, 'admin-phone');
  assertClean(phone);
  await phone.context().close();
});
