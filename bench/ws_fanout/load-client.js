// Load client of bench/ws_fanout: holds many WebSocket subscribers and measures, for every event
// received, the time since the publisher stored it. Driven by run.py, one JSON command a line on
// stdin, one JSON answer a line on stdout:
//   {"cmd":"connect","url":...,"tenants":[{"id":..,"authorization":..}],"perTenant":N,"concurrency":C}
//   {"cmd":"reset"}  {"cmd":"report"}  {"cmd":"close"}
// The publisher puts "wsb:<CLOCK_MONOTONIC ns>" into the event's message; Node's hrtime reads the
// same clock, so publisher and client need no clock of their own in common.
'use strict';
const readline = require('readline');
const WebSocket = require('ws');

const MARK = 'wsb:';
let samples = new Float64Array(1 << 22);
let sentAts = new Float64Array(1 << 22);
let resetAt = process.hrtime.bigint();
let count = 0;
let sockets = [];
let unexpectedCloses = {};

function onMessage(data) {
  const text = data.toString();
  const at = text.indexOf(MARK);
  if (at < 0) return;
  let end = at + MARK.length;
  while (end < text.length && text.charCodeAt(end) >= 48 && text.charCodeAt(end) <= 57) end++;
  const sent = BigInt(text.slice(at + MARK.length, end));
  const ms = Number(process.hrtime.bigint() - sent) / 1e6;
  if (count === samples.length) {
    const bigger = new Float64Array(samples.length * 2);
    bigger.set(samples);
    samples = bigger;
    const biggerSent = new Float64Array(sentAts.length * 2);
    biggerSent.set(sentAts);
    sentAts = biggerSent;
  }
  sentAts[count] = Number(sent - resetAt) / 1e6;
  samples[count++] = ms;
}

function openOne(url, tenant) {
  return new Promise((resolve) => {
    const headers = tenant.authorization ? { Authorization: tenant.authorization } : {};
    const target = url.includes('?') ? url : url + '?tenant=' + encodeURIComponent(tenant.id);
    const socket = new WebSocket(target, { headers, perMessageDeflate: false, handshakeTimeout: 30000 });
    let settled = false;
    const done = (ok) => { if (!settled) { settled = true; resolve(ok ? socket : null); } };
    socket.on('open', () => socket.send(JSON.stringify({ type: 'subscribe', id: '1', scope: 'tenant' })));
    socket.on('message', (data) => {
      if (!settled) {
        if (data.toString().includes('"ack"')) done(true);
        return;
      }
      onMessage(data);
    });
    socket.on('close', (code) => {
      if (settled) unexpectedCloses[code] = (unexpectedCloses[code] || 0) + 1;
      done(false);
    });
    socket.on('error', () => done(false));
  });
}

async function connect(command) {
  const started = process.hrtime.bigint();
  const plan = [];
  for (let i = 0; i < command.perTenant; i++) for (const tenant of command.tenants) plan.push(tenant);
  let next = 0;
  let failed = 0;
  async function lane() {
    while (next < plan.length) {
      const socket = await openOne(command.url, plan[next++]);
      if (socket) sockets.push(socket); else failed++;
    }
  }
  await Promise.all(Array.from({ length: command.concurrency || 100 }, lane));
  return { connected: sockets.length, failed, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

function report() {
  const sorted = samples.slice(0, count).sort();
  const pct = (p) => (count ? sorted[Math.min(count - 1, Math.round((p / 100) * (count - 1)))] : null);
  // Where the slow frames were: by 100 ms window of their store time (s since reset), frames > 50 ms and the worst.
  const slow = {};
  for (let i = 0; i < count; i++) {
    if (samples[i] > 50) {
      const w = (Math.floor(sentAts[i] / 100) / 10).toFixed(1);
      const entry = slow[w] || (slow[w] = [0, 0]);
      entry[0]++;
      entry[1] = Math.max(entry[1], Math.round(samples[i]));
    }
  }
  return { slow, received: count, p50: pct(50), p99: pct(99), max: count ? sorted[count - 1] : null,
           open: sockets.filter((s) => s.readyState === WebSocket.OPEN).length, closes: unexpectedCloses };
}

const input = readline.createInterface({ input: process.stdin });
input.on('line', async (line) => {
  const command = JSON.parse(line);
  let answer;
  if (command.cmd === 'connect') answer = await connect(command);
  else if (command.cmd === 'reset') { count = 0; unexpectedCloses = {}; resetAt = process.hrtime.bigint(); answer = { reset: true }; }
  else if (command.cmd === 'report') answer = report();
  else if (command.cmd === 'close') {
    const open = sockets.length;
    sockets.forEach((s) => s.terminate());
    sockets = [];
    answer = { closed: open };
  }
  process.stdout.write(JSON.stringify(answer) + '\n');
});
input.on('close', () => process.exit(0));
