// Measures the gzip size of the JavaScript each kind of visitor downloads on a first load, from Vite's
// manifest, and fails the build when the public candidature pages grow past their budget.
// Usage: node scripts/bundle-budget.mjs [--json]   (run by `npm run build` after `vite build`)
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));

/** Every chunk a set of manifest entries loads before it can render: their static imports, recursively. */
function closure(keys) {
  const files = new Set();
  const visit = (key) => {
    const chunk = manifest[key];
    if (!chunk) throw new Error(`bundle-budget: ${key} is not in the Vite manifest (renamed?)`);
    if (files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  keys.forEach(visit);
  return [...files];
}

const gzipKb = (files) =>
  files.reduce((sum, f) => sum + gzipSync(readFileSync(join(dist, f)), { level: 9 }).length, 0) / 1024;

const ENTRY = 'index.html';
// The entry only picks the app: the public candidature app or the signed-in one (src/main.tsx).
const APP = 'src/App.tsx';
const loads = [
  {
    // Both public pages (letter of intention, letter of engagement) are one small app of their own.
    name: 'public candidature forms (/candidater/…)',
    keys: [ENTRY, 'src/PublicApp.tsx'],
    budgetKb: 150,
  },
  // A direct visit to /connexion loads the sign-in app alone (src/SignInApp.tsx).
  { name: 'sign-in page (/connexion)', keys: [ENTRY, 'src/SignInApp.tsx'], budgetKb: 150 },
  {
    // An anonymous visitor opening another page: the signed-in app, then its sign-in route (no budget of its own).
    name: 'sign-in reached from a page (/ → /connexion)',
    keys: [ENTRY, APP, 'src/pages/LoginPage.tsx'],
    budgetKb: null,
  },
  {
    name: 'signed-in home (/)',
    keys: [ENTRY, APP, 'src/layout/AppLayout.tsx', 'src/pages/HomePage.tsx'],
    budgetKb: 250,
  },
  {
    name: 'pilot funding tab (/pilotes/:id/financement)',
    keys: [
      ENTRY,
      APP,
      'src/layout/AppLayout.tsx',
      'src/pages/pilots/PilotLayout.tsx',
      'src/pages/funding/FundingPage.tsx',
    ],
    budgetKb: null,
  },
];

const all = Object.values(manifest)
  .filter((c) => c.file.endsWith('.js'))
  .map((c) => c.file);
const results = loads.map((l) => ({ ...l, kb: gzipKb(closure(l.keys)) }));
const total = gzipKb([...new Set(all)]);

if (process.argv.includes('--json')) {
  console.log(
    JSON.stringify(
      {
        loads: results.map(({ name, kb, budgetKb }) => ({ name, kb: Number(kb.toFixed(1)), budgetKb })),
        allJsKb: Number(total.toFixed(1)),
      },
      null,
      2,
    ),
  );
} else {
  console.log('First-load JavaScript (gzip -9):');
  for (const r of results)
    console.log(`  ${r.kb.toFixed(1).padStart(7)} kB  ${r.name}${r.budgetKb ? ` (budget ${r.budgetKb} kB)` : ''}`);
  console.log(`  ${total.toFixed(1).padStart(7)} kB  all JavaScript chunks together`);
}
const over = results.filter((r) => r.budgetKb !== null && r.kb > r.budgetKb);
if (over.length > 0) {
  for (const r of over)
    console.error(`bundle-budget: ${r.name} is ${r.kb.toFixed(1)} kB gzip, over its ${r.budgetKb} kB budget`);
  process.exit(1);
}
