// The tab's resumable uploads: one tus upload per file to /api/parser/upload/stream, a few at a time,
// kept here (not in a component) so they go on while the person looks at another screen.
//
// Resuming: tus-js-client stores each upload's URL (never the credential) under a fingerprint of the
// file and of who uploads it; the same file picked again, after a network drop or a page reload, carries
// on from the offset the server has. The credential is added to each request as it leaves.
import { Upload } from 'tus-js-client';
import { API, Problem, api } from '../../api.js';
import { onLive } from '../../live.js';
import { authHeaders, onSessionChange } from '../../session.js';

export const ENDPOINT = API + '/upload/stream';
export const CHUNK_SIZE = 2 * 1024 * 1024;
const CONCURRENCY = 3;
const RETRY_DELAYS = [0, 1000, 3000, 5000, 10000];
const STORAGE_PREFIX = 'tus::';

/** States an upload goes through, and what the person reads for each. */
export const STATE_LABELS = {
  waiting: 'Waiting',
  starting: 'Starting',
  uploading: 'Uploading',
  retrying: 'Connection lost, retrying',
  paused: 'Paused',
  checking: 'Checking the file',
  done: 'Uploaded',
  refused: 'Refused',
  failed: 'Stopped',
  cancelling: 'Cancelling',
  cancelled: 'Cancelled',
};
const ACTIVE = new Set(['starting', 'uploading', 'retrying', 'checking']);
export const FINISHED = new Set(['done', 'refused', 'cancelled']);

let items = [];
const runtime = new Map(); // key -> {file, upload, samples, lastEmit}
const listeners = new Set();
let nextKey = 1;
let me = null;

function emit() {
  listeners.forEach((listener) => listener(items));
}

/** Calls listener(items) now and after every change; answers the function that stops it. */
export function subscribe(listener) {
  listeners.add(listener);
  listener(items);
  return () => listeners.delete(listener);
}

function patch(key, changes) {
  items = items.map((item) => (item.key === key ? { ...item, ...changes } : item));
  emit();
}

function find(key) {
  return items.find((item) => item.key === key);
}

/** Whose uploads these are: a stored upload of another caller is never offered for resuming. */
export function setCaller(who) {
  if (me && who && (me.tenantId !== who.tenantId || me.subject !== who.subject)) {
    for (const item of items) if (!FINISHED.has(item.state)) pause(item.key);
    items = [];
    runtime.clear();
    emit();
  }
  me = who;
}

function ownerPrefix() {
  return `fileparser|${me?.tenantId ?? ''}|${me?.subject ?? ''}|`;
}

function fingerprint(file) {
  return Promise.resolve(ownerPrefix() + [file.name, file.type, file.size, file.lastModified].join('|'));
}

/** The tus Upload-Metadata of a batch's options (every value a string, empty ones left out). */
export function tusMetadata(file, options) {
  const metadata = { filename: file.name, filetype: file.type || 'application/octet-stream' };
  if (options.priority !== undefined && options.priority !== '') metadata.priority = String(options.priority);
  if (options.templateId) metadata.templateId = options.templateId;
  if (options.scheduleAt) metadata.scheduleAt = options.scheduleAt;
  if (options.metadata && Object.keys(options.metadata).length) metadata.metadata = JSON.stringify(options.metadata);
  return metadata;
}

/** Adds files to the list with the batch's options and starts them (a few at a time). */
export function addFiles(files, options) {
  for (const file of files) {
    const key = nextKey++;
    runtime.set(key, { file, upload: null, samples: [], lastEmit: 0 });
    items = [
      ...items,
      {
        key,
        name: file.name,
        size: file.size,
        state: 'waiting',
        sent: 0,
        speed: null,
        eta: null,
        options,
        uploadId: null,
        jobId: null,
        job: null,
        sha256: null,
        problem: null,
        resumedFrom: null,
        attempt: 0,
      },
    ];
  }
  emit();
  pump();
}

function pump() {
  let active = items.filter((item) => ACTIVE.has(item.state)).length;
  for (const item of items) {
    if (active >= CONCURRENCY) break;
    if (item.state === 'waiting') {
      active++;
      begin(item.key);
    }
  }
}

function uploadIdOf(url) {
  return url ? url.substring(url.lastIndexOf('/') + 1) : null;
}

async function problemOf(error) {
  const response = error?.originalResponse;
  const status = response?.getStatus?.() ?? 0;
  if (!status) {
    return new Problem({ title: 'The upload lost its connection', detail: 'The server could not be reached.' }, 0);
  }
  let body = null;
  try {
    body = JSON.parse(response.getBody());
  } catch {
    body = null;
  }
  return new Problem(body ?? { title: `The server answered ${status}` }, status);
}

async function begin(key) {
  const run = runtime.get(key);
  const item = find(key);
  if (!run || !item) return;
  patch(key, { state: 'starting', problem: null });
  const upload = new Upload(run.file, {
    endpoint: ENDPOINT,
    chunkSize: CHUNK_SIZE,
    retryDelays: RETRY_DELAYS,
    metadata: tusMetadata(run.file, item.options),
    fingerprint,
    storeFingerprintForResuming: true,
    removeFingerprintOnSuccess: true,
    onBeforeRequest(req) {
      for (const [name, value] of Object.entries(authHeaders())) req.setHeader(name, value);
    },
    onAfterResponse(req, res) {
      const jobId = res.getHeader('Upload-Job-Id');
      if (jobId) patch(key, { jobId });
      if (req.getMethod() === 'HEAD' && res.getStatus() === 200) {
        const offset = Number.parseInt(res.getHeader('Upload-Offset'), 10);
        if (offset > 0) patch(key, { resumedFrom: offset, sent: offset });
      }
    },
    onUploadUrlAvailable() {
      const state = find(key)?.state === 'starting' ? 'uploading' : find(key)?.state;
      patch(key, { uploadId: uploadIdOf(upload.url), state });
    },
    onProgress(sent, total) {
      progress(key, sent, total);
    },
    onShouldRetry(error, attempt) {
      const status = error?.originalResponse?.getStatus?.() ?? 0;
      const retry = status === 0 || status >= 500 || status === 409 || status === 423;
      if (retry) patch(key, { state: 'retrying', attempt: attempt + 1 });
      return retry;
    },
    onSuccess({ lastResponse }) {
      const jobId = lastResponse?.getHeader('Upload-Job-Id') || find(key)?.jobId;
      finish(key, uploadIdOf(upload.url), jobId);
    },
    onError(error) {
      fail(key, error, upload);
    },
  });
  run.upload = upload;
  try {
    const previous = await upload.findPreviousUploads();
    if (previous.length) upload.resumeFromPreviousUpload(previous[previous.length - 1]);
  } catch {
    // nothing stored to resume from: a new upload
  }
  if (find(key)?.state !== 'starting') return; // cancelled or paused meanwhile
  upload.start();
}

function progress(key, sent, total) {
  const run = runtime.get(key);
  const item = find(key);
  if (!run || !item || !ACTIVE.has(item.state)) return;
  if (item.state === 'retrying' && sent <= item.sent) return; // no byte has moved since the drop
  const now = performance.now();
  run.samples.push([now, sent]);
  while (run.samples.length > 2 && now - run.samples[0][0] > 5000) run.samples.shift();
  const [t0, b0] = run.samples[0];
  const seconds = (now - t0) / 1000;
  const speed = seconds > 0.2 ? (sent - b0) / seconds : item.speed;
  const eta = speed > 0 ? (total - sent) / speed : null;
  const state = sent >= total ? 'checking' : 'uploading';
  if (state === item.state && sent < total && now - run.lastEmit < 200) return;
  run.lastEmit = now;
  patch(key, { sent, speed, eta, state, attempt: 0 });
}

async function finish(key, uploadId, jobId) {
  const run = runtime.get(key);
  if (run) run.samples = [];
  patch(key, { state: 'done', uploadId, jobId, sent: find(key)?.size ?? 0, eta: 0 });
  pump();
  try {
    const status = await api(`/upload/stream/${uploadId}`);
    patch(key, { sha256: status.sha256, jobId: status.jobId ?? jobId });
    jobId = status.jobId ?? jobId;
  } catch {
    // the job link from the final PATCH is enough
  }
  if (!jobId) return;
  try {
    const job = await api(`/status/${jobId}`);
    patch(key, { job: { state: job.state, duplicateOf: job.duplicateOf ?? null, format: job.file?.format } });
  } catch {
    // the job page tells more
  }
}

async function fail(key, error, upload) {
  const item = find(key);
  if (!item || item.state === 'cancelling' || item.state === 'cancelled' || item.state === 'paused') return;
  const problem = await problemOf(error);
  const refused = problem.status >= 400 && problem.status < 500 && problem.status !== 423 && problem.status !== 409;
  if (refused) {
    // The server will not take this file: nothing to resume, so forget its stored URL.
    upload?._removeFromUrlStorage?.();
  }
  patch(key, { state: refused ? 'refused' : 'failed', problem, uploadId: uploadIdOf(upload?.url) ?? item.uploadId, speed: null, eta: null });
  pump();
}

/** Stops sending; what the server has is kept and resume() carries on from there. */
export function pause(key) {
  const item = find(key);
  if (!item || FINISHED.has(item.state)) return;
  const run = runtime.get(key);
  run?.upload?.abort(false);
  // What the server confirmed is what a resume starts from (bytes of an aborted chunk do not count).
  const confirmed = run?.upload?._offset;
  patch(key, { state: 'paused', speed: null, eta: null, sent: Number.isFinite(confirmed) ? confirmed : item.sent });
  pump();
}

/** Carries on a paused or stopped upload (a HEAD asks the server how far it got). */
export function resume(key) {
  const item = find(key);
  const run = runtime.get(key);
  if (!item || !run || !['paused', 'failed'].includes(item.state)) return;
  run.upload?.abort(false);
  run.upload = null;
  run.samples = [];
  patch(key, { state: 'waiting', problem: null });
  pump();
}

/** Cancels an upload: the server removes what it received (tus termination). */
export async function cancel(key) {
  const item = find(key);
  const run = runtime.get(key);
  if (!item || FINISHED.has(item.state)) return;
  const upload = run?.upload;
  if (!upload || !upload.url) {
    upload?.abort(false);
    patch(key, { state: 'cancelled', speed: null, eta: null });
    pump();
    return;
  }
  patch(key, { state: 'cancelling', speed: null, eta: null });
  try {
    await upload.abort(true);
    patch(key, { state: 'cancelled' });
  } catch (error) {
    const problem = await problemOf(error);
    // Gone already is cancelled all the same.
    patch(key, problem.status === 404 || problem.status === 410 ? { state: 'cancelled' } : { state: 'paused', problem });
  }
  pump();
}

/** Removes the finished uploads from the list. */
export function clearFinished() {
  for (const item of items) if (FINISHED.has(item.state)) runtime.delete(item.key);
  items = items.filter((item) => !FINISHED.has(item.state));
  emit();
}

/** Starts again every upload the network stopped, once the browser is online again. */
function onOnline() {
  for (const item of items) {
    if (item.state === 'failed' && item.problem?.status === 0) resume(item.key);
  }
}
if (typeof window !== 'undefined') window.addEventListener('online', onOnline);
onLive((message) => onLiveMessage(message));
// Signed out: nothing more is sent without a credential; signing in again as the same caller resumes.
onSessionChange((session) => {
  if (session) return;
  for (const item of items) if (!FINISHED.has(item.state) && item.state !== 'paused') pause(item.key);
});

/** A live reading of the tenant's uploads (`upload.progress`) or a job event. */
export function onLiveMessage(message) {
  if (message.type === 'upload.progress') {
    const item = items.find((i) => i.uploadId && i.uploadId === message.uploadId);
    if (item && message.data?.jobId && !item.jobId) patch(item.key, { jobId: message.data.jobId });
    return;
  }
  if (typeof message.type === 'string' && message.type.startsWith('job.') && message.jobId) {
    const item = items.find((i) => i.jobId === message.jobId);
    if (item && message.data?.state) patch(item.key, { job: { ...(item.job ?? {}), state: message.data.state } });
  }
}

// ----- Uploads a previous page of this browser left unfinished (stored by tus-js-client) -----

/** The stored uploads of the signed-in caller that no upload of this page is sending. */
export function storedUploads() {
  const prefix = STORAGE_PREFIX + ownerPrefix();
  const mine = new Set(items.map((i) => i.uploadId).filter(Boolean));
  const found = [];
  for (let i = 0; i < localStorage.length; i++) {
    const storageKey = localStorage.key(i);
    if (!storageKey?.startsWith(prefix)) continue;
    try {
      const entry = JSON.parse(localStorage.getItem(storageKey));
      const uploadId = uploadIdOf(entry.uploadUrl);
      if (!uploadId || mine.has(uploadId)) continue;
      found.push({ storageKey, uploadId, name: entry.metadata?.filename ?? '', size: entry.size, createdAt: entry.creationTime });
    } catch {
      // a malformed entry is skipped
    }
  }
  return found;
}

export function forgetStored(storageKey) {
  localStorage.removeItem(storageKey);
}

/** Ends a stored upload on the server (tus termination) and forgets it. */
export async function discardStored(entry) {
  try {
    await api(`/upload/stream/${entry.uploadId}`, { method: 'DELETE', headers: { 'Tus-Resumable': '1.0.0' } });
  } catch (problem) {
    if (problem.status !== 404 && problem.status !== 410) throw problem;
  }
  forgetStored(entry.storageKey);
}
