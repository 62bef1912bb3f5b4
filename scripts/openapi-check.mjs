// Contract drift check: regenerates openapi.json and the client's types from the built server into a temporary
// folder and fails when they differ from the committed files (run `npm run openapi` and commit both).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const { writeOpenApi } = require('./dist/src/openapi.js');
const dir = mkdtempSync(join(tmpdir(), 'projetk-openapi-'));

try {
  const json = join(dir, 'openapi.json');
  const types = join(dir, 'schema.d.ts');
  await writeOpenApi(json);
  // The package's exports map hides its bin file from require.resolve: it is found where npm installs it.
  const cli = [join(root, 'client'), root]
    .map((d) => join(d, 'node_modules/openapi-typescript/bin/cli.js'))
    .find((f) => existsSync(f));
  if (!cli) throw new Error('openapi-typescript is not installed (npm ci)');
  // From client/, as `npm run generate:api -w client` runs it.
  execFileSync(process.execPath, [cli, json, '-o', types], { cwd: join(root, 'client'), stdio: 'ignore' });

  const stale = [
    ['openapi.json', json],
    ['client/src/api/schema.d.ts', types],
  ].filter(([committed, fresh]) => readFileSync(join(root, committed), 'utf8') !== readFileSync(fresh, 'utf8'));
  if (stale.length > 0) {
    for (const [committed, fresh] of stale) {
      const a = readFileSync(join(root, committed), 'utf8').split('\n');
      const b = readFileSync(fresh, 'utf8').split('\n');
      const line = a.findIndex((l, i) => l !== b[i]);
      console.error(`${committed} differs from the code from line ${line + 1}:`);
      console.error(`  committed: ${a[line] ?? '(end of file)'}\n  generated: ${b[line] ?? '(end of file)'}`);
    }
    console.error(
      'The contract changed: run `npm run openapi` and commit openapi.json and client/src/api/schema.d.ts.',
    );
    process.exitCode = 1;
  } else {
    console.log('openapi.json and client/src/api/schema.d.ts match the code');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
