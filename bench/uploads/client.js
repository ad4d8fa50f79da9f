// The upload client of bench/uploads: one process per measurement, one line of JSON on stdout.
//
//   node client.js tus  --endpoint URL --file PATH [--chunk-size BYTES|Infinity] [--filename NAME]
//                       [--filetype TYPE] [--append-row TEXT] [--creation-with-upload] [--header 'N: V']...
//       one upload with the unmodified tus-js-client (the file is read into memory before the clock starts);
//       prints {bytes, seconds, MBps, uploadUrl, jobId (from Upload-Job-Id, when answered), requests}
//   node client.js post --url URL --file PATH [--filename NAME] [--append-row TEXT] [--header 'N: V']...
//       one raw-body POST (our /api/parser/upload) streamed from the file with Node's http module, with
//       Content-Type text/csv, Content-Disposition attachment; filename="NAME" and Content-Length;
//       prints {bytes, seconds, MBps, status, jobId}
//   node client.js many --target post|tus --url URL --dir DIR --count N --concurrency C
//                       [--append-row TEXT] [--timeout-s S] [--header 'N: V']...
//       N small uploads of the files in DIR (sorted, cycled if fewer), C at a time; tus with
//       creation-with-upload (uploadDataDuringCreation, one POST per file); prints {count, ok, failed,
//       withJobId (answers that named a job), seconds, uploadsPerSec, p50, p90, p99, max (ms), errors (the
//       first few)}
//
// --append-row adds one line to the end of what is sent; "{id}" in it becomes a unique token per upload
// (so deduplication never answers an upload from an earlier one). MBps is MiB/s (2^20 bytes a second),
// as in bench/upload_bench.sh.
// The Authorization header is read from the environment (BENCH_AUTHORIZATION, e.g. "Bearer eyJ..."),
// so no token shows in `ps`; --header adds others. No retries: a failed request is a failed upload.
import { readFileSync, readdirSync, statSync, createReadStream } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import * as tus from 'tus-js-client';

const MIB = 1024 * 1024;

function parseArgs(argv) {
  const args = { header: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      throw new Error(`unexpected argument ${a}`);
    }
    const key = a.slice(2);
    if (key === 'creation-with-upload') {
      args[key] = true;
    } else if (key === 'header') {
      args.header.push(argv[++i]);
    } else {
      args[key] = argv[++i];
    }
  }
  return args;
}

function headersOf(args) {
  const headers = {};
  if (process.env.BENCH_AUTHORIZATION) {
    headers.Authorization = process.env.BENCH_AUTHORIZATION;
  }
  for (const h of args.header) {
    const colon = h.indexOf(':');
    if (colon < 1) throw new Error(`--header wants 'Name: value', not ${h}`);
    headers[h.slice(0, colon).trim()] = h.slice(colon + 1).trim();
  }
  return headers;
}

function uniqueRow(template) {
  if (!template) return null;
  return Buffer.from(template.replaceAll('{id}', randomUUID().replaceAll('-', '')) + '\n');
}

function chunkSizeOf(value) {
  if (value === undefined || value === 'Infinity' || value === 'inf') return Infinity;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`bad --chunk-size ${value}`);
  return n;
}

// One tus upload of data (a Buffer); resolves with what happened, rejects with the error.
function tusUpload(data, options) {
  return new Promise((resolve, reject) => {
    let jobId = null;
    let requests = 0;
    let lastStatus = null;
    const upload = new tus.Upload(data, {
      endpoint: options.endpoint,
      chunkSize: options.chunkSize,
      headers: options.headers,
      metadata: { filename: options.filename, filetype: options.filetype },
      uploadDataDuringCreation: options.creationWithUpload,
      retryDelays: null,
      storeFingerprintForResuming: false,
      removeFingerprintOnSuccess: false,
      onBeforeRequest: () => {
        requests++;
      },
      onAfterResponse: (_req, res) => {
        lastStatus = res.getStatus();
        const id = res.getHeader('Upload-Job-Id');
        if (id) jobId = id;
      },
      onError: (error) => {
        const e = new Error(String(error?.message ?? error));
        // tus-js-client's DetailedError carries the response: keep status and body for the report
        const res = error?.originalResponse;
        if (res) {
          e.status = res.getStatus();
          e.body = String(res.getBody() ?? '').slice(0, 600);
        }
        e.lastStatus = lastStatus;
        reject(e);
      },
      onSuccess: () => resolve({ uploadUrl: upload.url, jobId, requests, lastStatus }),
    });
    upload.start();
  });
}

async function tusMode(args) {
  let data = readFileSync(args.file);
  const row = uniqueRow(args['append-row']);
  if (row) data = Buffer.concat([data, row]);
  const chunkSize = chunkSizeOf(args['chunk-size']);
  const start = process.hrtime.bigint();
  const result = await tusUpload(data, {
    endpoint: args.endpoint,
    chunkSize,
    headers: headersOf(args),
    filename: args.filename ?? path.basename(args.file),
    filetype: args.filetype ?? 'text/csv',
    creationWithUpload: Boolean(args['creation-with-upload']),
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return {
    bytes: data.length,
    seconds,
    MBps: data.length / MIB / seconds,
    chunkSize: Number.isFinite(chunkSize) ? chunkSize : 'Infinity',
    ...result,
  };
}

// One raw-body POST; body is a Buffer or a file path (streamed), row an optional Buffer appended.
function postOnce(url, headers, filename, body, row, agent) {
  return new Promise((resolve, reject) => {
    const fileBytes = typeof body === 'string' ? statSync(body).size : body.length;
    const length = fileBytes + (row ? row.length : 0);
    const req = http.request(url, {
      method: 'POST',
      agent,
      headers: {
        ...headers,
        'Content-Type': 'text/csv',
        'Content-Disposition': `attachment; filename="${filename}"`,
        'Content-Length': length,
      },
    });
    req.on('response', (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode !== 201 && res.statusCode !== 200) {
          const e = new Error(`HTTP ${res.statusCode}`);
          e.status = res.statusCode;
          e.body = text.slice(0, 600);
          reject(e);
          return;
        }
        let jobId = null;
        try {
          jobId = JSON.parse(text).id ?? null;
        } catch {
          // not JSON: reported as is
        }
        resolve({ bytes: length, status: res.statusCode, jobId });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (typeof body === 'string') {
      const stream = createReadStream(body, { highWaterMark: MIB });
      stream.on('error', reject);
      stream.on('end', () => req.end(row ?? undefined));
      stream.pipe(req, { end: false });
    } else {
      req.write(body);
      req.end(row ?? undefined);
    }
  });
}

async function postMode(args) {
  const row = uniqueRow(args['append-row']);
  const start = process.hrtime.bigint();
  const result = await postOnce(
    args.url,
    headersOf(args),
    args.filename ?? path.basename(args.file),
    args.file,
    row,
    new http.Agent({ keepAlive: false }),
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { ...result, seconds, MBps: result.bytes / MIB / seconds };
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

async function manyMode(args) {
  const count = Number(args.count);
  const concurrency = Number(args.concurrency ?? 1);
  const timeoutMs = Number(args['timeout-s'] ?? 600) * 1000;
  if (!(count > 0) || !(concurrency > 0)) throw new Error('--count and --concurrency must be positive');
  if (args.target !== 'post' && args.target !== 'tus') throw new Error('--target post or tus');
  const names = readdirSync(args.dir).filter((n) => !n.startsWith('.')).sort();
  if (names.length === 0) throw new Error(`no files in ${args.dir}`);
  // Read before the clock starts.
  const files = names.slice(0, count).map((n) => ({ name: n, data: readFileSync(path.join(args.dir, n)) }));
  const headers = headersOf(args);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies = [];
  let withJobId = 0;
  const errors = [];
  let failed = 0;
  let bytes = 0;
  let next = 0;
  const deadline = Date.now() + timeoutMs;

  async function one(i) {
    const file = files[i % files.length];
    const row = uniqueRow(args['append-row']);
    const t0 = process.hrtime.bigint();
    try {
      let answer;
      if (args.target === 'post') {
        answer = await postOnce(args.url, headers, file.name, file.data, row, agent);
      } else {
        const data = row ? Buffer.concat([file.data, row]) : file.data;
        answer = await tusUpload(data, {
          endpoint: args.url,
          chunkSize: Infinity,
          headers,
          filename: file.name,
          filetype: 'text/csv',
          creationWithUpload: true,
        });
      }
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (answer?.jobId) withJobId++;
      bytes += file.data.length + (row ? row.length : 0);
    } catch (error) {
      failed++;
      if (errors.length < 5) {
        errors.push({ message: error.message, status: error.status ?? null, body: error.body ?? null });
      }
    }
  }

  async function worker() {
    while (next < count && Date.now() < deadline) {
      const i = next++;
      await one(i);
    }
  }

  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    target: args.target,
    count,
    concurrency,
    attempted: Math.min(next, count),
    ok: latencies.length,
    failed,
    withJobId,
    timedOut: next < count,
    bytes,
    seconds,
    uploadsPerSec: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p90: percentile(latencies, 90),
    p99: percentile(latencies, 99),
    max: latencies.length ? latencies[latencies.length - 1] : null,
    errors,
  };
}

const modes = { tus: tusMode, post: postMode, many: manyMode };
const [mode, ...rest] = process.argv.slice(2);
if (!modes[mode]) {
  console.error('usage: node client.js tus|post|many ... (see the head of client.js)');
  process.exit(2);
}
modes[mode](parseArgs(rest))
  .then((result) => {
    console.log(JSON.stringify(result));
  })
  .catch((error) => {
    console.log(
      JSON.stringify({
        error: String(error?.message ?? error),
        status: error?.status ?? null,
        body: error?.body ?? null,
        lastStatus: error?.lastStatus ?? null,
      }),
    );
    process.exit(1);
  });
