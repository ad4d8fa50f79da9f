// Notifications: the bell's unread count rising live as the member's jobs complete or wait for a
// mapping, the feed listing them, mark read and mark all read lowering it; the opt-in to browser push
// (as the browser and the server allow it).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiCall, assertAccessible, assertClean, launch, newPage, screenshot, signIn, uploadFile, waitForState, callRecords } from './harness.mjs';

const RUN = `n${Date.now().toString(36)}`;
let browser;
before(async () => (browser = await launch()));
after(async () => browser?.close());

/** A CSV no template fits: it waits for a person's mapping. */
function unknownLayout() {
  return `zq_${RUN},wibble,flux_capacity\nA-${Date.now()},blue,1.21\nB-${Date.now()},green,0.88\n`;
}

const bell = (page) => page.getByRole('link', { name: /^Notifications, \d+ unread$/ });
async function bellCount(page) {
  const label = await bell(page).getAttribute('aria-label');
  return Number(label.match(/(\d+) unread/)[1]);
}
async function waitForBell(page, count) {
  await page.getByRole('link', { name: `Notifications, ${count} unread`, exact: true }).waitFor({ timeout: 120_000 });
}

test('the bell counts up live as jobs complete or need a mapping; the feed lists them; mark read lowers the count', async () => {
  const page = await newPage(browser);
  await signIn(page, 'member', { hash: '#/jobs' });
  await bell(page).waitFor();
  const start = await bellCount(page);
  await page.getByText('Live', { exact: true }).waitFor();
  await screenshot(page, 'notifications-bell-before');

  const done = await uploadFile('member', `${RUN}-calls.csv`, callRecords(5));
  await waitForBell(page, start + 1); // no reload: the notification came over the WebSocket
  await waitForState('member', done.id, ['COMPLETED']);
  const mapping = await uploadFile('member', `${RUN}-unknown.csv`, unknownLayout());
  await waitForState('member', mapping.id, ['NEEDS_MAPPING'], 120_000);
  await waitForBell(page, start + 2);
  assert.equal((await apiCall('member', 'GET', '/notifications/count')).unread, start + 2);
  await screenshot(page, 'notifications-bell-after');

  await bell(page).click();
  await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
  const feed = page.getByRole('list', { name: 'Your notifications, newest first' });
  const completedItem = feed.locator('li', { has: page.locator(`a[href="#/jobs/${done.id}"]`) });
  const mappingItem = feed.locator('li', { has: page.locator(`a[href="#/mapping/${mapping.id}"]`) });
  await completedItem.waitFor();
  await mappingItem.waitFor();
  assert.match(await completedItem.innerText(), /Completed/);
  assert.match(await mappingItem.innerText(), /Needs mapping/);
  assert.match(await mappingItem.innerText(), /unread/);
  await assertAccessible(page, 'notifications feed');
  await screenshot(page, 'notifications-feed');

  await completedItem.getByRole("button", { name: /^Mark read/ }).click();
  await waitForBell(page, start + 1);
  await completedItem.locator('.badge').waitFor({ state: 'detached' });
  assert.equal((await apiCall('member', 'GET', '/notifications/count')).unread, start + 1);

  await page.getByLabel('Unread only').check();
  await completedItem.waitFor({ state: 'detached' }); // read: no longer among the unread
  await mappingItem.waitFor();
  await page.getByRole('button', { name: 'Mark all read' }).click();
  await waitForBell(page, 0);
  await page.getByText('Nothing unread.').waitFor();
  assert.equal((await apiCall('member', 'GET', '/notifications/count')).unread, 0);
  await assertAccessible(page, 'notifications all read');
  await screenshot(page, 'notifications-all-read');
  assertClean(page);
  await page.context().close();
});

test('turning on browser push says what happened: subscribed, or refused by the browser', async () => {
  const page = await newPage(browser);
  await page.context().grantPermissions(['notifications']);
  await signIn(page, 'member', { hash: '#/notifications' });
  const button = page.getByRole('button', { name: 'Turn on push for this browser' });
  await button.waitFor();
  await assertAccessible(page, 'push offered');
  await button.click();
  const state = page.locator('.push-state');
  await state.getByText(/Push is on for this browser|Push is off\./).first().waitFor({ timeout: 30_000 });
  const text = await state.innerText();
  const subscriptions = await apiCall('member', 'GET', '/notifications/push/subscriptions');
  if (/Push is on/.test(text)) {
    assert.equal(subscriptions.items.length, 1, 'the subscription was posted');
  } else {
    // headless Chromium has no push service to subscribe with: the refusal is said, nothing is posted
    assert.match(text, /The browser refused to subscribe/);
    assert.equal(subscriptions.items.length, 0);
  }
  const registration = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope ?? null);
  assert.equal(registration, new URL('./', page.url()).href, 'the service worker is registered for the console');
  await assertAccessible(page, 'push outcome');
  await screenshot(page, 'notifications-push-outcome');
  // Chromium itself logs why it refuses (a browser context here is incognito, where it has no Push
  // API); that line is the browser's, not the console's, and the page says the refusal above
  page.failures = page.failures.filter((f) => !/does not support the Push API in incognito mode/.test(f));
  assertClean(page);
  await page.context().close();
});

test('push not configured on the server is said plainly', async () => {
  const page = await newPage(browser);
  await page.route('**/api/parser/notifications/push/vapid-public-key', (route) =>
    route.fulfill({
      status: 404,
      contentType: 'application/problem+json',
      body: JSON.stringify({ type: 'urn:fileparser:problem:push_not_configured', title: 'Web Push is not configured', status: 404, code: 'push_not_configured', detail: 'the server has no VAPID key pair' }),
    }),
  );
  await signIn(page, 'member', { hash: '#/notifications' });
  await page.getByText('Push is not configured on this server.').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Turn on push for this browser' }).count(), 0);
  await screenshot(page, 'notifications-push-not-configured');
  const phone = await newPage(browser, { viewport: { width: 390, height: 844 } });
  await signIn(phone, 'member', { hash: '#/notifications' });
  await phone.getByRole('heading', { name: 'Browser push' }).waitFor();
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `the page is ${overflow}px wider than the screen`);
  await screenshot(phone, 'notifications-phone');
  assertClean(phone);
  await phone.context().close();
  await page.context().close();
});

test('the operator has no bell and no feed', async () => {
  const page = await newPage(browser);
  await signIn(page, 'operator', { hash: '#/notifications' });
  await page.getByText(/the platform operator has none/).waitFor();
  assert.equal(await page.getByRole('link', { name: /^Notifications/ }).count(), 0);
  await assertAccessible(page, 'operator notifications');
  assertClean(page);
  await page.context().close();
});
