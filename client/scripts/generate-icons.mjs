// Draws the web app's icons (manifest, home screen) with sharp: a green square with a white « K » made of
// shapes (no font, no file from elsewhere), so `node client/scripts/generate-icons.mjs` gives the same PNGs
// everywhere. The PNGs are committed in client/public/icons; run this again only to change the drawing.
import { Buffer } from 'node:buffer';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icons');
mkdirSync(out, { recursive: true });

/** The drawing on a 512 grid; `safe` shrinks the letter into the maskable icon's safe zone (80 %). */
function svg(safe) {
  const s = safe ? 0.62 : 0.8;
  const o = (512 * (1 - s)) / 2;
  const radius = safe ? 0 : 96;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
  <rect width="512" height="512" rx="${radius}" fill="#2b8a3e"/>
  <g transform="translate(${o} ${o}) scale(${s})" fill="#ffffff">
    <rect x="112" y="80" width="80" height="352" rx="8"/>
    <polygon points="192,262 330,80 424,80 258,286"/>
    <polygon points="220,250 290,210 432,432 336,432"/>
  </g>
</svg>`;
}

const icons = [
  { file: 'icon-192.png', size: 192, safe: false },
  { file: 'icon-512.png', size: 512, safe: false },
  { file: 'maskable-512.png', size: 512, safe: true },
  { file: 'apple-touch-icon-180.png', size: 180, safe: true },
];
for (const { file, size, safe } of icons) {
  await sharp(Buffer.from(svg(safe)))
    .resize(size, size)
    .png({ compressionLevel: 9, palette: true })
    .toFile(join(out, file));
}
console.log(`icons written to ${out}`);
