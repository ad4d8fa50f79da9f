// The reference of bench/uploads: the tus project's own Node server (@tus/server) with its FileStore,
// as it comes (no authentication, no hashing, no scanning, no fsync), on loopback.
//
//   node reference-server.js --port 30990 --dir var/bench/tus-store
//
// Serves tus 1.0 at http://127.0.0.1:PORT/files (creation, creation-with-upload, creation-defer-length,
// termination, expiration: what FileStore offers). Prints one line "listening <port>" when it accepts
// connections, and GET /stats answers its process.memoryUsage() as JSON. Ends on SIGTERM or SIGINT.
import http from 'node:http';
import { mkdirSync } from 'node:fs';
import { Server } from '@tus/server';
import { FileStore } from '@tus/file-store';

function argument(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) {
    if (fallback === undefined) {
      console.error(`usage: node reference-server.js --port PORT --dir DIRECTORY (missing --${name})`);
      process.exit(2);
    }
    return fallback;
  }
  return process.argv[i + 1];
}

const port = Number(argument('port'));
const directory = argument('dir');
mkdirSync(directory, { recursive: true });

const tus = new Server({
  path: '/files',
  datastore: new FileStore({ directory }),
});

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/stats') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(process.memoryUsage()));
    return;
  }
  tus.handle(req, res);
});
// Keep-alive connections of a load client may idle between requests.
server.keepAliveTimeout = 60_000;
server.headersTimeout = 65_000;
server.listen(port, '127.0.0.1', () => {
  console.log(`listening ${server.address().port}`);
});

function stop() {
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
