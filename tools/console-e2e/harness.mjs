// What every console journey shares: Debian's Chromium driven by playwright-core, a signed-in page
// per role, screenshots as test artifacts, an axe-core scan, and a watch for script errors and
// Content-Security-Policy violations (any of them fails the journey).
//
// Environment (ConsoleIT sets it): CONSOLE_URL (the console, e.g. http://127.0.0.1:28080/parser/),
// CONSOLE_TOKENS (JSON: role -> bearer token of one fresh tenant; "other" -> a member of another
// tenant; "operator" -> the platform operator), CONSOLE_SCREENSHOTS (directory), CHROMIUM.
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import assert from 'node:assert/strict';

export const CONSOLE_URL = process.env.CONSOLE_URL ?? 'http://127.0.0.1:31080/parser/';
export const API_URL = new URL('/api/parser', CONSOLE_URL).href;
export const TOKENS = JSON.parse(process.env.CONSOLE_TOKENS ?? '{}');
export const SCREENSHOTS = process.env.CONSOLE_SCREENSHOTS ?? 'target/console-screenshots';
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Launches headless Chromium with no network of its own (see the machine notes). */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/**
 * A new browser context and page with its failures recorded: page.failures lists uncaught errors,
 * console errors and CSP violations. Call assertClean(page) at the end of a journey.
 */
export async function newPage(browser, { viewport = { width: 1280, height: 900 }, ...options } = {}) {
  const context = await browser.newContext({ viewport, ...options });
  const page = await context.newPage();
  page.failures = [];
  page.on('pageerror', (error) => page.failures.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to/i.test(text)) page.failures.push(`CSP: ${text}`);
    else if (message.type() === 'error' && !/status of 4\d\d|status of 5\d\d|ERR_CONNECTION_REFUSED|ERR_INTERNET_DISCONNECTED/.test(text)) {
      page.failures.push(`console error: ${text}`);
    }
  });
  return page;
}

/** Opens the console and signs in with the token of `role` (a key of CONSOLE_TOKENS) or a credential. */
export async function signIn(page, role, { credential, hash = '' } = {}) {
  const value = credential ?? TOKENS[role];
  assert.ok(value, `no token for ${role} in CONSOLE_TOKENS`);
  await page.goto(CONSOLE_URL + hash);
  await page.getByLabel('Bearer token or API key').fill(value);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  return page;
}

/** Writes a full-page screenshot as <name>.png under CONSOLE_SCREENSHOTS. */
export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it is and fails on any serious or
 * critical violation, naming the rule and the elements. Injected through the DevTools protocol,
 * which the page's Content-Security-Policy does not govern (an inline script tag would be refused).
 */
export async function assertAccessible(page, name) {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `accessibility violations on ${name}`,
  );
  return result;
}

/** Fails when the page had an uncaught error, a console error or a CSP violation. */
export function assertClean(page) {
  assert.deepEqual(page.failures, [], 'the page reported failures');
}

/** Calls the API directly (setting up a journey), answering the parsed JSON. */
export async function apiCall(role, method, path, { body, headers = {}, raw = false } = {}) {
  const response = await fetch(API_URL + path, {
    method,
    headers: {
      Authorization: `Bearer ${TOKENS[role]}`,
      Accept: 'application/json',
      ...(body && !(body instanceof FormData) ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
  });
  if (raw) return response;
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Uploads `content` as `filename` through POST /upload and answers the job. */
export async function uploadFile(role, filename, content, type = 'text/csv') {
  const form = new FormData();
  form.append('file', new Blob([content], { type }), filename);
  return apiCall(role, 'POST', '/upload', { body: form });
}

/** Polls GET /status/{jobId} until the job's state is one of `states` (or the time is up). */
export async function waitForState(role, jobId, states, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  let job;
  while (Date.now() < until) {
    job = await apiCall(role, 'GET', `/status/${jobId}`);
    if (states.includes(job.state)) return job;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`job ${jobId} stayed ${job?.state}, not ${states}`);
}

let serial = 0;
/** A call-record CSV the worker completes without a person, its contents unique to this process. */
export function callRecords(rows = 3) {
  serial++;
  const lines = ['caller,callee,duration,start'];
  for (let i = 0; i < rows; i++) {
    lines.push(`555-${serial}${i},555-9${i},${(Date.now() % 1000) + i + serial * 7},2026-11-0${(i % 9) + 1}T10:00:00Z`);
  }
  return lines.join('\n') + '\n';
}
