// The API client of the console: the same endpoints any client uses, under /api/parser on this origin.
import { authHeaders, signOut } from './session.js';

export const API = '/api/parser';

/** An RFC 9457 problem the API answered with (or one the console makes for a network failure). */
export class Problem extends Error {
  constructor(body, status) {
    super(body?.detail || body?.title || `HTTP ${status}`);
    this.status = status;
    this.type = body?.type ?? 'about:blank';
    this.title = body?.title ?? `HTTP ${status}`;
    this.detail = body?.detail ?? '';
    this.code = body?.code ?? (status === 0 ? 'network' : 'http_' + status);
    this.body = body ?? {};
  }
}

/** What a person can do next about a problem, by its stable code (the detail says what happened). */
const NEXT_STEPS = {
  network: 'Check the network connection, then try again.',
  authentication_required: 'Sign in again.',
  invalid_token: 'Your token was refused or has expired: sign in again with a fresh one.',
  token_expired: 'Your token has expired: sign in again.',
  invalid_api_key: 'The API key was refused: check it, or ask an admin for a new one.',
  forbidden: 'Your role does not allow this. Ask an admin of your tenant.',
  tenant_disabled: 'Your tenant is disabled. Contact the platform operator.',
  rate_limited: 'Too many requests: wait a moment and try again.',
  too_many_requests: 'Too many requests: wait a moment and try again.',
  malware_detected: 'The file was refused and not stored. Scan it on your side and upload a clean copy.',
  unsupported_format: 'Upload a PDF, CSV or CDR file.',
  format_mismatch: 'The file name or type does not match its content: rename it or upload the right file.',
  file_too_large: 'Split the file, or upload it in a resumable upload if its size is allowed.',
  payload_too_large: 'Split the file into smaller ones.',
  validation_failed: 'Fix the rows the problem names and upload the file again.',
  scanner_unavailable: 'Virus scanning is unavailable for the moment: try again in a few minutes.',
  job_not_cancellable: 'The job has already finished or is being cancelled.',
  job_not_retryable: 'Only failed, cancelled or dead-lettered jobs can be retried.',
  mapping_check_failed: 'Correct the fields the problem names (marked on their columns), then check again.',
  invalid_mapping: 'Correct the mapping as marked, then try again.',
  invalid_template: 'Correct the member the problem names, then save again.',
  template_backtest_no_files: 'No completed file of this template to test against yet: upload one first.',
  template_version_not_draft: 'Only a draft can change: make a new draft from this version.',
  upload_gone: 'The upload expired or was cancelled: start it again.',
  checksum_mismatch: 'A chunk was damaged on the way; the upload retries it.',
  invalid_filename: 'Rename the file without those characters, then choose it again.',
  empty_file: 'The file is empty: export it again with its records.',
  schedule_too_far: 'Pick an earlier start time in the options, then add the file again.',
  template_not_found: 'Pick another template in the options (it needs a published version), then add the file again.',
  template_version_not_found: 'Pick another template in the options, then add the file again.',
  upload_locked: 'Another tab or client is sending this file: wait a minute, then resume.',
  gzip_bomb: 'The compressed file unpacks to far too much: send it uncompressed or split it.',
  gzip_corrupt: 'The compressed file is damaged: compress it again and upload it.',
  scan_limit_exceeded: 'The file is larger than the virus scanner accepts: split it and upload the parts.',
  storage_unavailable: 'The store is away for the moment: resume in a few minutes.',
  service_unavailable: 'The service is away for the moment: resume in a few minutes.',
};

export function nextStep(problem) {
  if (!problem) return '';
  if (NEXT_STEPS[problem.code]) return NEXT_STEPS[problem.code];
  if (problem.status >= 500) return 'Something failed on the server. Try again; if it persists, tell your operator.';
  return '';
}

function url(path, query) {
  const u = new URL(API + path, location.origin);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    for (const v of Array.isArray(value) ? value : [value]) u.searchParams.append(name, v);
  }
  return u;
}

/**
 * Calls the API and answers the response; throws a Problem for any status but 2xx. A 401 signs the
 * tab out (the credential is no longer good).
 */
export async function apiResponse(path, { method = 'GET', query, body, headers = {}, accept = 'application/json', signal } = {}) {
  const init = { method, headers: { Accept: accept, ...authHeaders(), ...headers }, signal };
  if (body !== undefined) {
    if (body instanceof FormData || body instanceof Blob || typeof body === 'string') {
      init.body = body;
    } else {
      init.body = JSON.stringify(body);
      init.headers['Content-Type'] = 'application/json';
    }
  }
  let response;
  try {
    response = await fetch(url(path, query), init);
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new Problem({ title: 'The server cannot be reached', detail: e.message }, 0);
  }
  if (!response.ok) {
    let problem = null;
    if ((response.headers.get('Content-Type') ?? '').includes('json')) {
      problem = await response.json().catch(() => null);
    }
    const error = new Problem(problem ?? { title: response.statusText }, response.status);
    error.retryAfter = response.headers.get('Retry-After');
    if (response.status === 401) signOut();
    throw error;
  }
  return response;
}

/** Calls the API and answers its JSON body (null for 204). */
export async function api(path, options) {
  const response = await apiResponse(path, options);
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') ?? '';
  return type.includes('json') ? response.json() : response.text();
}

/** Saves what a request answers as a file (a result as CSV or NDJSON, an export). */
export async function download(path, { accept, filename, query } = {}) {
  const response = await apiResponse(path, { accept, query });
  saveFile(await response.blob(), filename);
}

/** Hands `blob` to the browser as a download named `filename`. */
export function saveFile(blob, filename) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
