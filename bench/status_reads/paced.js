// An open-loop load at a steady rate, for the fixed-rate cases: one request every 1/rate s, each
// timed from the moment it was due (so a stalled server is not hidden by requests not sent), over
// keep-alive connections. Configured by the same JSON argument as load.js ("rate" required);
// answers one JSON line with the same members. autocannon's own rate mode sends each second's
// requests in a burst at its start, which on a loaded machine measures the burst's queue.
'use strict';
const http = require('http');

const spec = JSON.parse(process.argv[2]);
const target = new URL(spec.url);
const paths = spec.paths && spec.paths.length ? spec.paths : [target.pathname];
// Enough sockets that the client never queues a due request behind busy ones.
const agent = new http.Agent({ keepAlive: true, maxSockets: Math.max(128, spec.connections || 0) });
const intervalMs = 1000 / spec.rate;
const latencies = [];
const statusCodes = {};
let errors = 0;
let non2xx = 0;
let next = 0;
let inFlight = 0;
const start = performance.now();
const end = start + spec.seconds * 1000;
let due = start;

function send(dueAt) {
  inFlight++;
  const request = http.request(
    {
      host: target.hostname,
      port: target.port,
      path: paths[next++ % paths.length],
      headers: spec.headers || {},
      agent,
    },
    (response) => {
      response.resume();
      response.on('end', () => {
        inFlight--;
        latencies.push(performance.now() - dueAt);
        statusCodes[response.statusCode] = (statusCodes[response.statusCode] || 0) + 1;
        if (response.statusCode < 200 || response.statusCode >= 300) non2xx++;
      });
    }
  );
  request.on('error', () => {
    inFlight--;
    errors++;
  });
  request.end();
}

function tick() {
  const now = performance.now();
  while (due <= now && due < end) {
    send(due);
    due += intervalMs;
  }
  if (due < end) {
    setTimeout(tick, Math.max(0, Math.min(2, due - performance.now())));
  } else {
    const wait = setInterval(() => {
      if (inFlight === 0 || performance.now() > end + 30000) {
        clearInterval(wait);
        finish();
      }
    }, 10);
  }
}

function percentile(sorted, p) {
  if (!sorted.length) return null;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] * 10) / 10;
}

function finish() {
  const sorted = latencies.slice().sort((a, b) => a - b);
  const seconds = (performance.now() - start) / 1000;
  process.stdout.write(
    JSON.stringify({
      requests: sorted.length,
      rps: sorted.length / Math.max(seconds, spec.seconds),
      p50: percentile(sorted, 50),
      p90: percentile(sorted, 90),
      p99: percentile(sorted, 99),
      max: percentile(sorted, 100),
      non2xx,
      errors,
      timeouts: 0,
      statusCodes,
    }) + '\n'
  );
  agent.destroy();
}

tick();
