// Bundles the console into one directory the WAR serves at /parser/:
//   node build.mjs [--out DIR] [--watch]
// index.html names the bundle by its content hash (cached for a year), and the build fails when the
// JavaScript a first load fetches is over its budget (200 KB gzip-compressed).
import * as esbuild from 'esbuild';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_GZIP_BYTES = 200 * 1024;
const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const out = outIndex >= 0 ? args[outIndex + 1] : 'dist/parser';

const result = await esbuild.build({
  entryPoints: { app: 'src/main.jsx', sw: 'src/push-worker.js' },
  bundle: true,
  minify: true,
  sourcemap: false,
  format: 'esm',
  target: ['chrome109', 'firefox115', 'safari16'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'linked',
  entryNames: '[name]-[hash]',
  outdir: out,
  metafile: true,
  write: false,
  logLevel: 'warning',
});

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
const names = {};
let firstLoadGzip = 0;
for (const file of result.outputFiles) {
  const name = file.path.substring(file.path.lastIndexOf('/') + 1);
  await writeFile(join(out, name), file.contents);
  const entry = name.substring(0, name.indexOf('-'));
  if (name.endsWith('.js') && entry === 'app') firstLoadGzip += gzipSync(file.contents).length;
  if (name.endsWith('.js')) names[entry + '.js'] = name;
  if (name.endsWith('.css')) names[entry + '.css'] = name;
}
// The service worker must keep a fixed name (a browser updates it in place).
if (names['sw.js']) {
  const sw = await readFile(join(out, names['sw.js']));
  await rm(join(out, names['sw.js']));
  await writeFile(join(out, 'push-worker.js'), sw);
}
const page = (await readFile('src/index.html', 'utf8'))
  .replace('%APP_JS%', names['app.js'])
  .replace('%APP_CSS%', names['app.css'] ?? '');
await writeFile(join(out, 'index.html'), page);
const budget = `first load: ${(firstLoadGzip / 1024).toFixed(1)} KB of gzip-compressed JavaScript (budget ${BUDGET_GZIP_BYTES / 1024} KB)`;
await writeFile(join(out, 'build-report.txt'), budget + '\n' + (await readdir(out)).join('\n') + '\n');
console.log(budget);
if (firstLoadGzip > BUDGET_GZIP_BYTES) {
  console.error('the console is over its JavaScript budget');
  process.exit(1);
}
