// Signing in through the company's identity provider (OpenID Connect, authorization code with PKCE):
// the provider named by the server's configuration (ConsoleIT runs one, which checks the PKCE
// verifier, the client and the redirect URI), the code never left in the address bar, the token kept
// for the tab; a forged answer refused.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CONSOLE_URL, assertAccessible, assertClean, launch, newPage, screenshot } from './harness.mjs';

const ISSUER = process.env.OIDC_ISSUER;
const TENANT = process.env.OIDC_TENANT;

let browser;
before(async () => (browser = await launch()));
after(async () => browser?.close());

test('the console names the provider and may connect to it, and only to it', async () => {
  const config = await (await fetch(new URL('config.json', CONSOLE_URL))).json();
  assert.equal(config.oidc.issuer, ISSUER);
  assert.equal(config.oidc.clientId, 'file-parser-console');
  const csp = (await fetch(CONSOLE_URL)).headers.get('content-security-policy');
  assert.match(csp, new RegExp(`connect-src 'self' ${new URL(ISSUER).origin};`));
});

test('a person signs in with the provider and comes back to the screen they asked for', async () => {
  const page = await newPage(browser);
  await page.goto(CONSOLE_URL + '#/templates');
  const button = page.getByRole('button', { name: 'Sign in with your company account' });
  await button.waitFor();
  await assertAccessible(page, 'sign-in with a provider');
  await screenshot(page, 'oidc-signin');
  await button.click();
  try {
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
  } catch (e) {
    await screenshot(page, 'oidc-signin-failed');
    throw new Error(`not signed in at ${page.url()}: ${await page.locator('body').innerText()} ${page.failures}`, { cause: e });
  }
  assert.match(await page.locator('.identity').innerText(), new RegExp(`${TENANT} · admin`));
  assert.ok(!page.url().includes('code='), `the code is still in the address bar: ${page.url()}`);
  assert.ok(page.url().endsWith('#/templates'), page.url());
  const kept = await page.evaluate(() => JSON.parse(sessionStorage.getItem('fileparser.credentials')));
  assert.equal(kept.source, 'oidc');
  assert.equal(kept.kind, 'bearer');
  assert.ok(kept.expiresAt, 'the expiry of the token is kept');
  assert.equal(await page.evaluate(() => localStorage.length), 0);
  assertClean(page);
  await page.context().close();
});

test('an answer that does not belong to this tab is refused', async () => {
  const page = await newPage(browser);
  await page.goto(CONSOLE_URL + '?code=forged&state=forged');
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /state mismatch/);
  assert.ok(!page.url().includes('code='), page.url());
  assert.equal(await page.evaluate(() => sessionStorage.getItem('fileparser.credentials')), null);
  await page.context().close();
});
