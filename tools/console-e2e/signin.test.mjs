// Signing in and out: a pasted token or API key, kept for the tab only; what each role is offered;
// a refused credential explained; the console's security headers.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CONSOLE_URL, TOKENS, apiCall, assertAccessible, assertClean, launch, newPage, screenshot, signIn } from './harness.mjs';

let browser;
before(async () => (browser = await launch()));
after(async () => browser?.close());

test('the page is served with a strict Content-Security-Policy and no inline script', async () => {
  const response = await fetch(CONSOLE_URL);
  assert.equal(response.status, 200);
  const csp = response.headers.get('content-security-policy');
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  assert.match(csp, /frame-ancestors 'none'/);
  const html = await response.text();
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'an inline script in index.html');
  const bundle = html.match(/src="([^"]+\.js)"/)[1];
  const js = await fetch(new URL(bundle, CONSOLE_URL));
  assert.equal(js.status, 200);
  assert.match(js.headers.get('cache-control'), /immutable/);
});

test('a refused token is explained and nothing is kept', async () => {
  const page = await newPage(browser);
  await page.goto(CONSOLE_URL);
  await assertAccessible(page, 'sign-in');
  await screenshot(page, 'signin-empty');
  await page.getByLabel('Bearer token or API key').fill('not.a-valid.token');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /sign in again|refused|expired/i);
  assert.equal(await page.evaluate(() => sessionStorage.length), 0);
  await screenshot(page, 'signin-refused');
  await page.context().close();
});

test('a member signs in, sees the tenant screens but not the admin ones, and signs out', async () => {
  const page = await newPage(browser);
  await signIn(page, 'member');
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const name of ['Upload', 'Jobs', 'Mapping', 'Templates']) {
    assert.ok(await nav.getByRole('link', { name }).isVisible(), name);
  }
  assert.equal(await nav.getByRole('link', { name: 'Admin' }).count(), 0);
  assert.ok(!page.url().includes(TOKENS.member), 'the token is in the URL');
  assert.equal(await page.evaluate(() => localStorage.length), 0, 'something was put in localStorage');
  await page.getByText('Live', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('Bearer token or API key').waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.length), 0);
  assertClean(page);
  await page.context().close();
});

test('an API key signs in like a token', async () => {
  const key = await apiCall('admin', 'POST', '/api-keys', { body: { name: 'console sign-in', roles: ['viewer'] } });
  const page = await newPage(browser);
  await signIn(page, null, { credential: key.secret });
  const identity = await page.locator('.identity').innerText();
  assert.match(identity, /viewer/);
  assert.equal(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Upload' }).count(), 0);
  assertClean(page);
  await page.context().close();
});

test('the platform operator is offered the admin screens only', async () => {
  const page = await newPage(browser);
  await signIn(page, 'operator');
  const nav = page.getByRole('navigation', { name: 'Main' });
  assert.ok(await nav.getByRole('link', { name: 'Admin' }).isVisible());
  assert.equal(await nav.getByRole('link', { name: 'Jobs' }).count(), 0);
  assertClean(page);
  await page.context().close();
});

test('on a phone-sized screen the frame still fits', async () => {
  const page = await newPage(browser, { viewport: { width: 390, height: 844 } });
  await signIn(page, 'member');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `the page is ${overflow}px wider than the screen`);
  await screenshot(page, 'signin-phone');
  assertClean(page);
  await page.context().close();
});

