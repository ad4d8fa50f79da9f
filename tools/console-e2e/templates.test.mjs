// Templates: the list shows a template saved from a mapping; a member opens it, reads its versions,
// edits a draft, sees the field-level diff against the published version, runs a back-test and reads
// what would change, and exports the bundle; an admin publishes the draft and imports a bundle after
// a dry run; a viewer reads but is offered no change.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
const run = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
const name = `Switch export ${run}`;
const csv = (day, seed) =>
  [
    'Calling Party,Called Party,Started At,Seconds,Department',
    `+49301${String(seed).slice(-5)},+4930222,2026-04-${day} 10:00:00,61,Sales`,
    `+4930112,+4930223,2026-04-${day} 11:00:00,12,Support`,
    `+4930113,+4930224,2026-04-${day} 12:00:00,7,Sales`,
  ].join('\n') + '\n';
let templateId;
let bundlePath;

before(async () => {
  browser = await launch();
  // A template saved from an approved mapping, and two files completed with it (for the back-test).
  const job = await uploadFile('member', `switch-${run}.csv`, csv('01', run));
  await waitForState('member', job.id, ['NEEDS_MAPPING'], 90_000);
  await apiCall('member', 'PUT', `/mapping/${job.id}`, {
    body: {
      columns: {
        'Calling Party': 'caller',
        'Called Party': 'callee',
        'Started At': 'start',
        Seconds: 'durationSeconds',
        Department: { field: 'department', type: 'string' },
      },
    },
  });
  await apiCall('member', 'POST', `/mapping/${job.id}/submit`);
  const approved = await apiCall('admin', 'POST', `/mapping/${job.id}/approve`, { body: { saveAs: { name, publish: true } } });
  templateId = approved.savedTemplate.templateId;
  await waitForState('member', job.id, ['COMPLETED'], 120_000);
  const second = await uploadFile('member', `switch-${run}-2.csv`, csv('02', `${run}3`));
  await waitForState('member', second.id, ['COMPLETED'], 120_000);
});
after(async () => browser?.close());

test('a member finds the template, edits a draft, compares it, back-tests it and exports the bundle', async () => {
  const page = await newPage(browser);
  await signIn(page, 'member', { hash: '#/templates' });
  await page.getByRole('heading', { name: 'Templates', exact: true }).waitFor();
  await page.getByLabel('Kind').selectOption('tenant');
  const entry = page.getByRole('link', { name });
  await entry.waitFor();
  await assertAccessible(page, 'template list');
  await screenshot(page, 'templates-01-list');

  await entry.click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
  await page.getByText('Only one version so far: an edit makes a draft to compare.').waitFor();
  await page.getByRole('button', { name: 'Show the document of version 1' }).click();
  await page.getByRole('heading', { name: 'Document of version 1' }).waitFor();
  assert.match(await page.locator('pre.document').innerText(), /"department"/);
  // A member drafts but does not publish.
  assert.equal(await page.getByRole('button', { name: /^Publish/ }).count(), 0);
  await assertAccessible(page, 'template v1');
  await screenshot(page, 'templates-02-template');

  await page.getByRole('button', { name: 'Start a draft from v1' }).click();
  await page.getByLabel('Type of department').selectOption('integer');
  await page.getByLabel('Confidence threshold').fill('0.7');
  await assertAccessible(page, 'draft editor');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByText('Version 2 is saved as a draft.', { exact: false }).waitFor();

  // The diff of the draft against the published version, field by field.
  await page.getByText('v1 → v2: 1 field changed, 0 added, 0 removed, 1 template member changed.').waitFor();
  const diff = page.locator('table.diff');
  const department = diff.getByRole('row', { name: /department/ });
  assert.match(await department.innerText(), /type\s+string\s+integer/);
  assert.match(await diff.getByRole('row', { name: /template/ }).innerText(), /confidenceThreshold\s+0\.8\s+0\.7/);
  await assertAccessible(page, 'template diff');
  await screenshot(page, 'templates-03-diff');

  // A document the API refuses is explained, and nothing is saved.
  await page.getByRole('button', { name: 'Edit draft v2' }).click();
  await page.getByRole('button', { name: 'JSON document' }).click();
  const editor = page.getByLabel('Template document (JSON)');
  const doc = JSON.parse(await editor.inputValue());
  doc.fields[0].type = 'telephone';
  await editor.fill(JSON.stringify(doc, null, 2));
  await page.getByRole('button', { name: 'Save draft' }).click();
  const refusal = page.getByRole('alert');
  await refusal.waitFor();
  assert.match(await refusal.innerText(), /invalid_template|invalid_request/);
  await assertAccessible(page, 'draft refused');
  await screenshot(page, 'templates-03b-refused');
  await page.getByRole('button', { name: 'Discard changes' }).click();
  assert.equal((await apiCall('member', 'GET', `/templates/${templateId}/versions/2`)).document.fields[0].type, 'phone');

  // The back-test runs on the workers; the page follows it until it is done.
  await page.getByRole('button', { name: 'Run a back-test of v2' }).click();
  await page.waitForURL(/backtest=/);
  const result = page.getByRole('heading', { name: /^Result: v2 against v1/ });
  await result.waitFor({ timeout: 180_000 });
  const totals = await page.locator('dl.totals').innerText();
  assert.match(totals, /Files compared\s+2 of 2/);
  assert.match(totals, /Rows that change\s+6/);
  const fieldRow = page.locator('.backtest table').first().getByRole('row', { name: /department/ });
  assert.match(await fieldRow.innerText(), /department\s+6\s+0\s+6/);
  assert.ok((await page.getByRole('heading', { name: 'First changed values' }).count()) === 1);
  await assertAccessible(page, 'back-test result');
  await screenshot(page, 'templates-04-backtest');

  // The back-test is in the address: a reload shows it again.
  await page.reload();
  await page.getByRole('heading', { name: /^Result: v2 against v1/ }).waitFor();

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export bundle' }).click()]);
  bundlePath = join(mkdtempSync(join(tmpdir(), 'bundle-')), 'bundle.json');
  await download.saveAs(bundlePath);
  const bundle = JSON.parse(readFileSync(bundlePath, 'utf8'));
  assert.equal(bundle.formatVersion, 1);
  assert.equal(bundle.templates[0].name, name);
  assert.deepEqual(
    bundle.templates[0].versions.map((v) => [v.version, v.state]),
    [
      [1, 'PUBLISHED'],
      [2, 'DRAFT'],
    ],
  );
  assertClean(page);
  await page.context().close();
});

test('a viewer reads the template and its draft but is offered no change', async () => {
  assert.ok(templateId);
  const page = await newPage(browser);
  await signIn(page, 'viewer', { hash: `#/templates/${templateId}` });
  await page.getByRole('heading', { name, level: 1 }).waitFor();
  await page.getByText('You can read this template; members edit drafts and admins publish.').waitFor();
  for (const control of [/^Start a draft/, /^Edit draft/, /^Publish/, /^Run a back-test/, 'Archive']) {
    assert.equal(await page.getByRole('button', { name: control }).count(), 0, String(control));
  }
  assert.ok(await page.getByRole('button', { name: 'Export bundle' }).isVisible());
  await page.goto(page.url().replace(/#.*/, '#/templates'));
  await page.getByRole('heading', { name: 'Templates', exact: true }).waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Import a bundle' }).count(), 0);
  await assertAccessible(page, 'templates as viewer');
  await screenshot(page, 'templates-05-viewer');
  // Refused by the API too.
  const refused = await apiCall('viewer', 'POST', `/templates/${templateId}/versions/2/publish`, { raw: true });
  assert.equal(refused.status, 403);
  assertClean(page);
  await page.context().close();
});

test('an admin publishes the draft and imports a bundle after a dry run', async () => {
  assert.ok(bundlePath, 'the first journey exported no bundle');
  const page = await newPage(browser);
  await signIn(page, 'admin', { hash: `#/templates/${templateId}` });
  await page.getByRole('button', { name: 'Publish version 2' }).click();
  const dialog = page.getByRole('dialog', { name: 'Publish version 2' });
  await dialog.waitFor();
  await assertAccessible(page, 'publish dialog');
  await dialog.getByRole('button', { name: 'Publish' }).click();
  await page.getByText('Version 2 is published: uploads use it from now on.').waitFor();
  const versions = page.getByRole('table', { name: 'Versions' });
  await versions.getByRole('row', { name: /v2 PUBLISHED/ }).waitFor();
  await versions.getByRole('row', { name: /v1 SUPERSEDED/ }).waitFor();
  await screenshot(page, 'templates-06-published');
  const template = await apiCall('admin', 'GET', `/templates/${templateId}`);
  assert.equal(template.currentVersion, 2);

  // The exported bundle under another name: a dry run says it would be created, then it is.
  const bundle = JSON.parse(readFileSync(bundlePath, 'utf8'));
  const copyName = `${name} imported`;
  bundle.templates[0].name = copyName;
  delete bundle.templates[0].id;
  const renamed = bundlePath.replace('bundle.json', 'renamed.json');
  writeFileSync(renamed, JSON.stringify(bundle));

  await page.getByRole('link', { name: '← Templates' }).click();
  await page.getByRole('heading', { name: 'Import a bundle' }).waitFor();
  await page.getByLabel('Bundle file (JSON)').setInputFiles(renamed);
  await page.getByRole('button', { name: 'Check (dry run)' }).click();
  await page.getByText('Dry run of renamed.json: nothing changed yet.').waitFor();
  assert.match(await page.locator('.import-report').innerText(), /1 created, 0 updated, 0 unchanged, 0 in conflict/);
  assert.ok(!(await apiCall('admin', 'GET', '/templates?limit=200')).items.some((t) => t.name === copyName));
  await assertAccessible(page, 'import dry run');
  await screenshot(page, 'templates-07-import-dry-run');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByText('Imported renamed.json.').waitFor();
  // the list reads itself again: the imported template is in its table without a reload (the import report, in
  // the same section, links it too)
  await page.getByRole('table', { name: 'Templates', exact: true }).getByRole('link', { name: copyName }).waitFor();
  assert.equal(await page.locator('.import-report').getByRole('alert').count(), 0, 'the import reported a problem');
  assert.ok((await apiCall('admin', 'GET', '/templates?limit=200')).items.some((t) => t.name === copyName));
  await screenshot(page, 'templates-08-imported');
  assertClean(page);
  await page.context().close();
});

test('on a phone-sized screen a template fits without sideways scrolling', async () => {
  const page = await newPage(browser, { viewport: { width: 390, height: 844 } });
  await signIn(page, 'member', { hash: `#/templates/${templateId}` });
  await page.getByRole('heading', { name, level: 1 }).waitFor();
  await page.getByRole('heading', { name: 'Compare versions' }).waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `the page is ${overflow}px wider than the screen`);
  await assertAccessible(page, 'template on a phone');
  await screenshot(page, 'templates-09-phone');
  assertClean(page);
  await page.context().close();
});
