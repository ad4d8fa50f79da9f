// Uploads a file to /upload/stream with the unmodified tus-js-client and prints what happened as
// one line of JSON. Modes:
//   interrupted  starts an upload, aborts it once a third is sent, then resumes it from its URL
//   parallel     sends the file as partial uploads side by side (parallelUploads) and a final one
// Usage: node upload.mjs <mode> <endpoint> <bearer token> <file> <filename>
import { readFileSync } from 'node:fs';
import * as tus from 'tus-js-client';

const [mode, endpoint, token, path, filename] = process.argv.slice(2);
const file = readFileSync(path);
const chunkSize = 4 * 1024 * 1024;
const common = {
  endpoint,
  chunkSize,
  headers: { Authorization: `Bearer ${token}` },
  metadata: { filename, filetype: 'text/csv' },
  // 423 while the server still reads an aborted request is retried like any conflict.
  retryDelays: [0, 250, 500, 1000, 2000, 4000],
};

function run(options) {
  return new Promise((resolve, reject) => {
    const upload = new tus.Upload(file, {
      ...common,
      ...options,
      onError: reject,
      onSuccess: () => resolve(upload),
    });
    upload.start();
  });
}

async function offsetOf(url) {
  const head = await fetch(url, {
    method: 'HEAD',
    headers: { Authorization: `Bearer ${token}`, 'Tus-Resumable': '1.0.0' },
  });
  return Number(head.headers.get('upload-offset'));
}

// The offset once the aborted request is done with: the server keeps what arrived of a chunk that
// broke off, so until it lets go of the upload (an empty PATCH then answers 204, not 423) the
// offset may still move.
async function settledOffset(url) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const offset = await offsetOf(url);
    const patch = await fetch(url, {
      method: 'PATCH',
      headers: {
        Authorization: `Bearer ${token}`,
        'Tus-Resumable': '1.0.0',
        'Upload-Offset': String(offset),
        'Content-Type': 'application/offset+octet-stream',
      },
      body: new Uint8Array(0),
    });
    if (patch.status === 204) {
      return offset;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the aborted request never let go of the upload');
}

async function interrupted() {
  // The first client sends chunks until a third of the file is through, then drops the upload.
  const url = await new Promise((resolve, reject) => {
    const upload = new tus.Upload(file, {
      ...common,
      onError: reject,
      onSuccess: () => reject(new Error('finished before it was interrupted')),
      onChunkComplete: (_size, accepted) => {
        if (accepted >= file.length / 3) {
          upload.abort(false).then(() => resolve(upload.url), reject);
        }
      },
    });
    upload.start();
  });
  const offsetAtAbort = await settledOffset(url);
  // A second client, knowing only the URL, asks where it stands and sends the rest.
  let resent = 0;
  const resumed = await run({
    uploadUrl: url,
    onChunkComplete: (size) => {
      resent += size;
    },
  });
  return { url: resumed.url, offsetAtAbort, resent, size: file.length };
}

async function parallel() {
  const done = await run({ parallelUploads: 3 });
  return { url: done.url, size: file.length };
}

const modes = { interrupted, parallel };
if (!modes[mode]) {
  console.error(`unknown mode ${mode}`);
  process.exit(2);
}
modes[mode]()
  .then((result) => {
    console.log(JSON.stringify(result));
  })
  .catch((error) => {
    console.error(String(error?.stack ?? error));
    process.exit(1);
  });
