// Run before `npm start`, `npm test` and `npm run cli`: builds the server and the client when their output is
// missing or older than their sources, so a fresh clone needs only `npm install && npm start`, and nothing is
// rebuilt when it is up to date. `--server` checks the server only (the CLI needs no client).
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newest(dir) {
  if (!existsSync(dir)) return 0;
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist') continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}
const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);
const run = (cmd) => execSync(cmd, { stdio: 'inherit' });

const serverOut = 'dist/src/main.js';
if (mtime(serverOut) < Math.max(newest('src'), newest('migrations'))) {
  console.log('Building the server…');
  run('npm run build:server');
}
const clientOut = 'client/dist/index.html';
if (
  !process.argv.includes('--server') &&
  mtime(clientOut) < Math.max(newest('client/src'), mtime('client/index.html'))
) {
  console.log('Building the client…');
  run('npm run build:client');
}
