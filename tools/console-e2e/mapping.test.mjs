// The manual-mapping journey end to end: a CSV no template fits appears live in the queue, a member
// maps its columns (suggestions picked, one field typed, one of their own), the check against the
// sample rows shows per-field problems, the member submits, an admin approves and saves the mapping as
// a published template, and the next file of that layout completes without anyone. A viewer sees but
// cannot change.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  apiCall,
  assertAccessible,
  assertClean,
  launch,
  newPage,
  screenshot,
  signIn,
  uploadFile,
  waitForState,
} from './harness.mjs';

let browser;
before(async () => (browser = await launch()));
after(async () => browser?.close());

const run = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
const HEADER = 'Originating Number,Dialled Party,Call Start,Talk Secs,Cost Center,Notes';
const csv = (day, seed) =>
  [
    HEADER,
    `+49301${String(seed).slice(-5)},+4930222,2026-03-${day} 10:00:00,61,CC1,first`,
    `+4930112,+4930223,2026-03-${day} 11:00:00,12,CC2,second`,
    `+4930113,+4930224,2026-03-${day} 12:00:00,7,CC1,third`,
  ].join('\n') + '\n';
const templateName = `Carrier calls ${run}`;
let jobId;

test('a member sees the file arrive in the queue live, maps it, is told what does not fit, and submits', async () => {
  const page = await newPage(browser);
  await signIn(page, 'member', { hash: '#/mapping' });
  await page.getByRole('heading', { name: 'Mapping', exact: true }).waitFor();
  await page.getByText('No job waits for a mapping.').waitFor();
  await assertAccessible(page, 'mapping queue, empty');

  const filename = `carrier-${run}.csv`;
  const job = await uploadFile('member', filename, csv('01', run));
  jobId = job.id;
  // No reload: the queue hears job.needs_mapping over the WebSocket.
  const row = page.getByRole('link', { name: filename });
  await row.waitFor({ timeout: 90_000 });
  await page.getByText('1 job waits for a mapping.').waitFor();
  await assertAccessible(page, 'mapping queue');
  await screenshot(page, 'mapping-01-queue');

  await row.click();
  await page.getByRole('heading', { name: `Map ${filename}` }).waitFor();
  await page.getByRole('heading', { name: 'Originating Number' }).waitFor();
  // The ranked suggestions come with their reasons.
  assert.ok(await page.locator('.reason').first().innerText());
  await assertAccessible(page, 'mapping job');
  await screenshot(page, 'mapping-02-columns');

  // Pick suggestions for three columns, type a call-record field and a field of our own.
  await page.getByRole('button', { name: /^caller .* for Originating Number$/ }).click();
  await page.getByRole('button', { name: /^callee .* for Dialled Party$/ }).click();
  await page.getByRole('button', { name: /^start .* for Call Start$/ }).click();
  assert.equal(await page.getByLabel('Field for Originating Number').inputValue(), 'caller');
  await page.getByLabel('Field for Talk Secs').fill('durationSeconds');
  await page.getByLabel('Field for Cost Center').fill('costCenter');
  await page.getByLabel('Type of costCenter').selectOption('integer');
  // Notes stays empty: left out.

  await page.getByRole('button', { name: 'Check and submit' }).click();
  const problem = page.getByRole('alert');
  await problem.waitFor();
  assert.match(await problem.innerText(), /mapping_check_failed/);
  const cardProblems = page.locator('#col-4-problems');
  await cardProblems.waitFor();
  assert.match(await cardProblems.innerText(), /Row 1: 'CC1' in Cost Center does not read as integer/);
  assert.equal(await page.locator('td.cell-problem').count(), 3);
  await assertAccessible(page, 'mapping with problems');
  await screenshot(page, 'mapping-03-problems');

  // A field mapped twice is caught before anything is sent.
  await page.getByLabel('Field for Notes').fill('caller');
  await page.getByText('"caller" is already mapped from Originating Number.').waitFor();
  assert.ok(await page.getByRole('button', { name: 'Check and submit' }).isDisabled());
  await page.getByLabel('Field for Notes').fill('');

  await page.getByLabel('Type of costCenter').selectOption('string');
  await page.getByRole('button', { name: 'Check and submit' }).click();
  await page.getByText('The mapping fits every sample row and is submitted: an admin approves it.').waitFor();
  assert.equal(await page.getByRole('alert').count(), 0);
  await page.locator('.mapping-facts .state-submitted').waitFor();
  await assertAccessible(page, 'mapping submitted');
  await screenshot(page, 'mapping-04-submitted');

  const view = await apiCall('member', 'GET', `/mapping/${jobId}`);
  assert.equal(view.state, 'SUBMITTED');
  assert.deepEqual(view.draft.columns, {
    'Originating Number': 'caller',
    'Dialled Party': 'callee',
    'Call Start': 'start',
    'Talk Secs': 'durationSeconds',
    'Cost Center': { field: 'costCenter', type: 'string' },
  });
  // A member cannot approve: the panel is not offered.
  assert.equal(await page.getByRole('button', { name: 'Approve' }).count(), 0);
  assertClean(page);
  await page.context().close();
});

test('a viewer sees the mapping but cannot change or submit it', async () => {
  assert.ok(jobId, 'the first journey made no job');
  const page = await newPage(browser);
  await signIn(page, 'viewer', { hash: `#/mapping/${jobId}` });
  await page.getByRole('heading', { name: /^Map / }).waitFor();
  await page.getByText('You can look at this mapping; members map the columns and admins approve.').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Check and submit' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Save draft' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Approve' }).count(), 0);
  assert.ok(await page.getByLabel('Field for Originating Number').isDisabled());
  assert.equal(await page.getByLabel('Field for Originating Number').inputValue(), 'caller');
  await assertAccessible(page, 'mapping as viewer');
  await screenshot(page, 'mapping-05-viewer');
  // The API refuses it as well.
  const refused = await apiCall('viewer', 'POST', `/mapping/${jobId}/submit`, { raw: true });
  assert.equal(refused.status, 403);
  assertClean(page);
  await page.context().close();
});

test('an admin approves and saves a template; the job completes on screen and the next file needs no one', async () => {
  assert.ok(jobId, 'the first journey made no job');
  const page = await newPage(browser);
  await signIn(page, 'admin', { hash: '#/mapping' });
  await page.getByRole('link', { name: `carrier-${run}.csv` }).click();
  await page.getByRole('heading', { name: 'Approve' }).waitFor();
  await page.getByLabel('A new template').check();
  await page.getByLabel('Template name').fill(templateName);
  assert.ok(await page.getByLabel(/Publish it/).isChecked());
  await assertAccessible(page, 'mapping approval');
  await screenshot(page, 'mapping-06-approve');
  await page.getByRole('button', { name: 'Approve' }).click();

  await page.locator('.mapping-facts .state-approved').waitFor();
  const saved = page.getByRole('link', { name: `${templateName}, version 1` });
  await saved.waitFor();
  await waitForState('admin', jobId, ['COMPLETED'], 120_000);
  // The page follows the job over the WebSocket: COMPLETED without a reload.
  await page.locator('.mapping-facts .state-completed').waitFor({ timeout: 30_000 });
  await assertAccessible(page, 'mapping approved');
  await page.getByRole('table', { name: 'Mapped columns' }).getByRole('row', { name: /Cost Center\s+costCenter\s+string/ }).waitFor();
  await screenshot(page, 'mapping-07-approved');

  const templates = await apiCall('admin', 'GET', '/templates?limit=200');
  const template = templates.items.find((t) => t.name === templateName);
  assert.ok(template, 'the template was not saved');
  assert.equal(template.currentVersion, 1);

  // The next file of the layout is read with the template: COMPLETED, never NEEDS_MAPPING.
  const second = await uploadFile('member', `carrier-${run}-2.csv`, csv('02', `${run}9`));
  const done = await waitForState('member', second.id, ['COMPLETED', 'NEEDS_MAPPING', 'FAILED'], 120_000);
  assert.equal(done.state, 'COMPLETED');
  await page.getByRole('link', { name: '← Mapping queue' }).click();
  await page.getByText('No job waits for a mapping.').waitFor();
  await page.getByRole('link', { name: 'Approved' }).click();
  await page.getByRole('link', { name: `carrier-${run}.csv` }).waitFor();
  assert.equal(await page.getByRole('link', { name: `carrier-${run}-2.csv` }).count(), 0);
  await assertAccessible(page, 'mapping approved list');
  await screenshot(page, 'mapping-08-approved-list');
  assertClean(page);
  await page.context().close();
});

let phoneJob;
test('on a phone-sized screen the mapping screen fits without sideways scrolling', async () => {
  const filename = `phone-${run}.csv`;
  const job = await uploadFile('member', filename, csv('03', `${run}7`).replace(HEADER, 'Source Line,Target Line,Began,Length,Dept,Remarks'));
  await waitForState('member', job.id, ['NEEDS_MAPPING'], 90_000);
  phoneJob = job.id;
  const page = await newPage(browser, { viewport: { width: 390, height: 844 } });
  await signIn(page, 'member', { hash: `#/mapping/${job.id}` });
  await page.getByRole('heading', { name: `Map ${filename}` }).waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `the page is ${overflow}px wider than the screen`);
  await assertAccessible(page, 'mapping on a phone');
  await screenshot(page, 'mapping-09-phone');
  assertClean(page);
  await page.context().close();
});

test('an admin saves the mapping of a changed layout as a new version of the template', async () => {
  assert.ok(phoneJob, 'the phone journey made no job');
  await apiCall('member', 'PUT', `/mapping/${phoneJob}`, {
    body: { columns: { 'Source Line': 'caller', 'Target Line': 'callee', Began: 'start', Length: 'durationSeconds', Dept: null, Remarks: null } },
  });
  await apiCall('member', 'POST', `/mapping/${phoneJob}/submit`);
  const page = await newPage(browser);
  await signIn(page, 'admin', { hash: `#/mapping/${phoneJob}` });
  await page.getByRole('heading', { name: 'Approve' }).waitFor();
  await page.getByLabel('A new version of a template').check();
  await page.getByLabel('Template', { exact: true }).selectOption({ label: `${templateName} (CSV, v1)` });
  await page.getByLabel(/Publish it/).uncheck();
  await assertAccessible(page, 'approve as a new version');
  await page.getByRole('button', { name: 'Approve' }).click();
  await page.getByRole('link', { name: `${templateName}, version 2` }).waitFor();
  const templates = await apiCall('admin', 'GET', '/templates?limit=200');
  const template = templates.items.find((t) => t.name === templateName);
  assert.equal(template.currentVersion, 1);
  assert.equal(template.draftVersion, 2);
  await screenshot(page, 'mapping-10-new-version');
  assertClean(page);
  await page.context().close();
});
