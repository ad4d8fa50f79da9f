// Upload: several files dropped at once each become a job; a file of a few MB paused, cut off by a
// network failure, carried on after a page reload and checked by its SHA-256; refusals (malware, a
// format the parser does not read, a file name that looks like markup) shown as the server words them
// and as text; a cancel that removes the upload on the server; no upload screen for a viewer.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiCall, assertAccessible, assertClean, launch, newPage, screenshot, signIn } from './harness.mjs';

const CHUNK = 2 * 1024 * 1024; // the console's tus chunk size
const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';
const MARKUP_NAME = '<img src=x onerror=alert(1)>.csv';
const WILDCARD_NAME = 'report?final.csv';
const run = `${Date.now()}-${randomBytes(4).toString('hex')}`;

let browser;
let dir;
before(async () => {
  browser = await launch();
  dir = mkdtempSync(join(tmpdir(), 'console-upload-'));
});
after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function csv(label, rows = 3) {
  let text = 'call_id,caller,callee,seconds\n';
  for (let i = 0; i < rows; i++) text += `${label}-${i},+4930${i}${run.slice(-6)},+4940${i},${i * 7}\n`;
  return text;
}

function item(page, name) {
  return page.locator('li.upload-item').filter({ has: page.locator('.upload-name', { hasText: name }) });
}

async function waitState(locator, state, timeout = 90_000) {
  await locator.and(locator.page().locator(`[data-state="${state}"]`)).waitFor({ timeout });
}

async function openUpload(page, role = 'member') {
  await signIn(page, role, { hash: '#/upload' });
  await page.getByRole('heading', { name: 'Upload', level: 1 }).waitFor();
}

/** The failed requests this journey caused on purpose are no failure of the page. */
function dropExpectedNetworkErrors(page) {
  page.failures = page.failures.filter((f) => !/ERR_INTERNET_DISCONNECTED/.test(f));
}

function noOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

test('several files dropped at once with batch options each become a job; the same bytes again point at the earlier job', async () => {
  const page = await newPage(browser);
  await openUpload(page);
  await assertAccessible(page, 'upload empty');
  await screenshot(page, 'upload-empty');

  // Options of the batch, set with the keyboard-reachable controls.
  await page.getByLabel('Priority').selectOption('8');
  await page.getByRole('button', { name: 'Add a metadata field' }).click();
  await page.getByLabel('Key 1').fill('batch');
  await page.getByLabel('Value 1').fill(`nov-${run}`);
  await assertAccessible(page, 'upload options');

  const files = ['calls-a.csv', 'calls-b.csv', 'calls-c.csv'].map((name, i) => ({ name, content: csv(`drop${i}`, 5 + i) }));
  const transfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.content], f.name, { type: 'text/csv' }));
    return dt;
  }, files);
  await page.dispatchEvent('.dropzone', 'dragenter', { dataTransfer: transfer });
  await page.dispatchEvent('.dropzone', 'drop', { dataTransfer: transfer });

  const jobIds = [];
  for (const f of files) {
    const row = item(page, f.name);
    await waitState(row, 'done');
    const jobLink = row.getByRole('link', { name: /^Job / });
    await jobLink.waitFor();
    const href = await jobLink.getAttribute('href');
    const jobId = href.replace('#/jobs/', '');
    jobIds.push(jobId);
    const job = await apiCall('member', 'GET', `/status/${jobId}`);
    assert.equal(job.filename, f.name);
    assert.equal(job.priority, 8);
    assert.deepEqual(job.metadata, { batch: `nov-${run}` });
    assert.equal(job.file.sha256, createHash('sha256').update(f.content).digest('hex'));
    assert.match(await row.locator('.upload-sha').innerText(), new RegExp(job.file.sha256));
  }
  await page.getByText('3 of 3 files uploaded').waitFor();
  await assertAccessible(page, 'upload batch done');
  await screenshot(page, 'upload-batch-done');

  // The first file again, chosen with the file input this time: a new job that names the earlier one.
  // This batch names a template and starts parsing a day from now.
  await page.getByRole('button', { name: /^Remove/ }).click();
  await page.getByRole('button', { name: 'Clear finished' }).click();
  const template = page.getByLabel('Template');
  await template.locator('option:nth-child(2)').waitFor({ state: 'attached' });
  const templateId = await template.locator('option:nth-child(2)').getAttribute('value');
  await template.selectOption(templateId);
  const tomorrow = new Date(Date.now() + 86_400_000);
  const local = new Date(tomorrow.getTime() - tomorrow.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  await page.getByLabel('Start parsing at').fill(local);
  await page.getByLabel('Choose files').setInputFiles([{ name: 'calls-a-again.csv', mimeType: 'text/csv', buffer: Buffer.from(files[0].content) }]);
  const again = item(page, 'calls-a-again.csv');
  await waitState(again, 'done');
  const againId = (await again.getByRole('link', { name: /^Job / }).getAttribute('href')).replace('#/jobs/', '');
  const scheduled = await apiCall('member', 'GET', `/status/${againId}`);
  assert.equal(scheduled.templateId, templateId);
  assert.equal(scheduled.state, 'SCHEDULED');
  assert.equal(new Date(scheduled.scheduleAt).getTime(), new Date(local).getTime());
  assert.match(await again.locator('.upload-opts').innerText(), /template .+ · starts /);
  const earlier = again.getByRole('link', { name: /^Earlier job/ });
  await earlier.waitFor();
  assert.equal(await earlier.getAttribute('href'), `#/jobs/${jobIds[0]}`);
  await assertAccessible(page, 'upload duplicate');
  await screenshot(page, 'upload-duplicate');
  await earlier.click();
  await page.waitForURL(new RegExp(`#/jobs/${jobIds[0]}$`));
  assertClean(page);
  await page.context().close();
});

test('a file of a few MB paused, cut off by the network and carried on after a reload, with its SHA-256 checked', async () => {
  const page = await newPage(browser);
  await openUpload(page);
  // 6 MB of unique call records: three chunks.
  const lines = ['call_id,caller,callee,seconds'];
  let length = lines[0].length + 1;
  for (let i = 0; length < 3 * CHUNK - 4096; i++) {
    const line = `big-${run}-${i},+4930${String(i).padStart(7, '0')},+4940${String(i * 3).padStart(7, '0')},${i % 3600}`;
    lines.push(line);
    length += line.length + 1;
  }
  const content = lines.join('\n') + '\n';
  const path = join(dir, `month-${run}.csv`);
  writeFileSync(path, content);
  const sha256 = createHash('sha256').update(content).digest('hex');
  const name = `month-${run}.csv`;

  // The network between the page and the server: the first chunk goes through, the second is held
  // until the person pauses, and everything after that fails as if the connection were gone.
  let patches = 0;
  let heldResolve;
  const held = new Promise((resolve) => (heldResolve = resolve));
  let releaseHeld;
  const released = new Promise((resolve) => (releaseHeld = resolve));
  await page.route('**/api/parser/upload/stream/*', async (route) => {
    if (route.request().method() !== 'PATCH') return route.fallback();
    patches++;
    if (patches === 1) return route.fallback();
    if (patches === 2) {
      heldResolve();
      await released;
    }
    return route.abort('internetdisconnected').catch(() => {});
  });

  await page.getByLabel('Choose files').setInputFiles(path);
  const row = item(page, name);
  await held;
  await waitState(row, 'uploading');
  await row.getByRole('button', { name: /^Pause/ }).click();
  await waitState(row, 'paused');
  releaseHeld();
  assert.match(await row.locator('.upload-stats').innerText(), /2\.0 MB of 6\.0 MB/);
  await assertAccessible(page, 'upload paused');
  await screenshot(page, 'upload-paused');

  // Resume: the server has the first chunk; the next ones meet a dead network and are retried.
  await row.getByRole('button', { name: /^Resume/ }).click();
  await waitState(row, 'retrying', 30_000);
  await assertAccessible(page, 'upload retrying');
  await screenshot(page, 'upload-network-lost');
  const uploadId = await page.evaluate(() => {
    for (let k = 0; k < localStorage.length; k++) {
      const key = localStorage.key(k);
      if (key.startsWith('tus::')) return JSON.parse(localStorage.getItem(key)).uploadUrl.split('/').pop();
    }
    return null;
  });
  assert.ok(uploadId, 'the upload URL is stored for resuming');
  assert.ok(
    await page.evaluate(() => [...Array(localStorage.length).keys()].every((k) => !/eyJ/.test(localStorage.getItem(localStorage.key(k))))),
    'a credential was put in localStorage',
  );
  const midway = await apiCall('member', 'GET', `/upload/stream/${uploadId}`);
  assert.equal(midway.offset, CHUNK);

  // The page is reloaded (the network is back): the unfinished upload is offered, and the same file
  // chosen again carries on from the server's offset.
  // (the route goes after the reload: tus-js-client's next retry would otherwise get through first)
  await page.reload();
  await page.unroute('**/api/parser/upload/stream/*');
  await page.getByRole('heading', { name: 'Unfinished uploads' }).waitFor();
  const stored = page.locator('.stored-list li', { hasText: name });
  await stored.getByText('2.0 MB of 6.0 MB received').waitFor();
  await assertAccessible(page, 'upload unfinished after reload');
  await screenshot(page, 'upload-unfinished-after-reload');

  const offsets = [];
  page.on('request', (request) => {
    if (request.method() === 'PATCH' && request.url().includes('/upload/stream/')) offsets.push(Number(request.headers()['upload-offset']));
  });
  await page.getByLabel('Choose files').setInputFiles(path);
  const resumed = item(page, name);
  await waitState(resumed, 'done');
  assert.equal(offsets[0], CHUNK, `the upload started again at ${offsets[0]}, not where the server was`);
  assert.match(await resumed.locator('.upload-stats').innerText(), /resumed at 2\.0 MB/);
  await assert.rejects(page.getByRole('heading', { name: 'Unfinished uploads' }).waitFor({ timeout: 2000 }));
  const jobLink = resumed.getByRole('link', { name: /^Job / });
  const jobId = (await jobLink.getAttribute('href')).replace('#/jobs/', '');
  assert.match(await resumed.locator('.upload-sha').innerText(), new RegExp(sha256));
  const status = await apiCall('member', 'GET', `/upload/stream/${uploadId}`);
  assert.equal(status.sha256, sha256);
  assert.equal(status.jobId, jobId);
  const job = await apiCall('member', 'GET', `/status/${jobId}`);
  assert.equal(job.file.sha256, sha256);
  assert.equal(job.file.size, Buffer.byteLength(content));
  await assertAccessible(page, 'upload resumed done');
  await screenshot(page, 'upload-resumed-done');
  dropExpectedNetworkErrors(page);
  assertClean(page);
  await page.context().close();
});

test('malware, an unreadable format and a wildcard in a name are refused as the server says, a name that looks like markup is uploaded as text, on a phone', async () => {
  const page = await newPage(browser, { viewport: { width: 390, height: 844 } });
  const dialogs = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    dialog.dismiss().catch(() => {});
  });
  await openUpload(page);
  await page.getByLabel('Choose files').setInputFiles([
    { name: 'eicar.csv', mimeType: 'text/csv', buffer: Buffer.from(EICAR) },
    { name: 'firmware.bin', mimeType: 'application/octet-stream', buffer: randomBytes(4096) },
    { name: WILDCARD_NAME, mimeType: 'text/csv', buffer: Buffer.from(csv('wildcard')) },
    { name: MARKUP_NAME, mimeType: 'text/csv', buffer: Buffer.from(csv('markup')) },
  ]);

  const eicar = item(page, 'eicar.csv');
  await waitState(eicar, 'refused');
  const malware = eicar.locator('.problem[data-code="malware_detected"]');
  await malware.waitFor();
  assert.match(await malware.innerText(), /Malware detected/);
  assert.match(await malware.innerText(), /upload a clean copy/i);

  const binary = item(page, 'firmware.bin');
  await waitState(binary, 'refused');
  await binary.locator('.problem[data-code="unsupported_format"]').waitFor();

  const wildcard = item(page, WILDCARD_NAME);
  await waitState(wildcard, 'refused');
  await wildcard.locator('.problem[data-code="invalid_filename"]').waitFor();
  await wildcard.getByText('Rename the file without those characters').waitFor();

  const markup = item(page, MARKUP_NAME);
  await waitState(markup, 'done');
  const href = await markup.getByRole('link', { name: /^Job / }).getAttribute('href');
  const job = await apiCall('member', 'GET', `/status/${href.replace('#/jobs/', '')}`);
  assert.equal(job.filename, MARKUP_NAME, 'the server keeps the name as it was given');
  assert.ok(await page.getByText(MARKUP_NAME, { exact: true }).isVisible(), 'the file name is shown as text');
  assert.equal(await page.locator('img').count(), 0, 'the file name became an element');
  assert.deepEqual(dialogs, []);
  await page.getByText('1 of 4 files uploaded, 3 refused').waitFor();

  const overflow = await noOverflow(page);
  assert.ok(overflow <= 1, `the page is ${overflow}px wider than the screen`);
  await assertAccessible(page, 'upload refusals');
  await screenshot(page, 'upload-refusals-phone');
  assertClean(page);
  await page.context().close();
});

test('cancelling an upload removes it on the server', async () => {
  const page = await newPage(browser);
  await openUpload(page);
  let heldResolve;
  const held = new Promise((resolve) => (heldResolve = resolve));
  let releaseHeld;
  const released = new Promise((resolve) => (releaseHeld = resolve));
  await page.route('**/api/parser/upload/stream/*', async (route) => {
    if (route.request().method() !== 'PATCH') return route.fallback();
    heldResolve();
    await released;
    return route.abort('internetdisconnected').catch(() => {});
  });
  const name = `cancel-${run}.csv`;
  await page.getByLabel('Choose files').setInputFiles([{ name, mimeType: 'text/csv', buffer: Buffer.from(csv('cancel', 50)) }]);
  const row = item(page, name);
  await held;
  await waitState(row, 'uploading');
  const uploadId = await page.evaluate(() => {
    for (let k = 0; k < localStorage.length; k++) {
      const key = localStorage.key(k);
      if (key.startsWith('tus::')) return JSON.parse(localStorage.getItem(key)).uploadUrl.split('/').pop();
    }
    return null;
  });
  await row.getByRole('button', { name: /^Cancel/ }).click();
  await waitState(row, 'cancelled');
  releaseHeld();
  const response = await apiCall('member', 'GET', `/upload/stream/${uploadId}`, { raw: true });
  assert.equal(response.status, 410);
  assert.equal((await response.json()).code, 'upload_gone');
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('tus::')).length), 0);
  await assertAccessible(page, 'upload cancelled');
  await screenshot(page, 'upload-cancelled');
  dropExpectedNetworkErrors(page);
  assertClean(page);
  await page.context().close();
});

test('a viewer has no upload screen', async () => {
  const page = await newPage(browser);
  await signIn(page, 'viewer', { hash: '#/upload' });
  const nav = page.getByRole('navigation', { name: 'Main' });
  assert.equal(await nav.getByRole('link', { name: 'Upload' }).count(), 0);
  assert.equal(await page.getByRole('heading', { name: 'Upload', level: 1 }).count(), 0);
  assert.equal(await page.locator('input[type=file]').count(), 0);
  await assertAccessible(page, 'viewer without upload');
  await screenshot(page, 'upload-viewer');
  assertClean(page);
  await page.context().close();
});
