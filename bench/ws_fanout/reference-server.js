// The reference fan-out a user might pick instead of ours: a Node `ws` server that forwards every
// message of one Redis pub/sub channel (ioredis) to the WebSocket clients of the message's tenant.
// Same routing as the application (an event goes to its tenant's subscribers only), same protocol
// for the bench's purpose (subscribe command answered with an ack), no authentication and no
// history: it is the lower bound of what a fan-out costs on this machine, not a drop-in replacement.
//
//   node reference-server.js --port 23990 --redis-db 6 --channel fileparser.6.bench-reference
//
// GET /stats answers {connections, heapUsed, rss, external} after a full GC (run with --expose-gc).
'use strict';
const http = require('http');
const { WebSocketServer } = require('ws');
const Redis = require('ioredis');

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => {
    if (arg.startsWith('--')) pairs.push([arg.slice(2), all[i + 1]]);
    return pairs;
  }, []));
const port = Number(args.port || 23990);
const channel = args.channel || 'fileparser.6.bench-reference';
const redisDb = Number(args['redis-db'] || 6);

const byTenant = new Map();
let connections = 0;

const server = http.createServer((req, res) => {
  if (req.url === '/stats') {
    if (global.gc) { global.gc(); global.gc(); }
    const mem = process.memoryUsage();
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ connections, heapUsed: mem.heapUsed, rss: mem.rss, external: mem.external }));
    return;
  }
  res.statusCode = 404;
  res.end();
});
const wss = new WebSocketServer({ server, path: '/ws', perMessageDeflate: false });
wss.on('connection', (socket, req) => {
  const tenant = new URL(req.url, 'http://localhost').searchParams.get('tenant') || '';
  let set = byTenant.get(tenant);
  if (!set) byTenant.set(tenant, (set = new Set()));
  connections++;
  socket.on('message', (data) => {
    let command;
    try { command = JSON.parse(data.toString()); } catch (e) { return; }
    if (command.type === 'subscribe') {
      set.add(socket);
      socket.send(JSON.stringify({ type: 'ack', id: command.id || '' }));
    }
  });
  socket.on('close', () => { set.delete(socket); connections--; });
  socket.on('error', () => {});
});

const subscriber = new Redis({ host: '127.0.0.1', port: 6379, db: redisDb });
subscriber.subscribe(channel);
subscriber.on('message', (_channel, message) => {
  let tenant;
  try { tenant = JSON.parse(message).tenantId; } catch (e) { return; }
  const set = byTenant.get(tenant);
  if (set) for (const socket of set) socket.send(message);
});
server.listen(port, '127.0.0.1', () => console.log(`listening ${port} ${channel}`));
process.on('SIGTERM', () => process.exit(0));
