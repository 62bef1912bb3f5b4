// After the client build: a Brotli and a gzip copy beside every text asset, so the server sends compressed
// bytes without compressing on each request (@fastify/static `preCompressed`).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const DIST = 'client/dist';
const TEXT = /\.(js|css|html|svg|json|txt|map|webmanifest)$/;

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

let raw = 0;
let br = 0;
for (const file of walk(DIST).filter((f) => TEXT.test(f))) {
  const bytes = readFileSync(file);
  if (bytes.length < 1024) continue;
  const brotli = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
  writeFileSync(`${file}.br`, brotli);
  writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
  raw += statSync(file).size;
  br += brotli.length;
}
console.log(`client assets precompressed: ${Math.round(raw / 1024)} kB → ${Math.round(br / 1024)} kB with Brotli`);
