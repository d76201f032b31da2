// Bytes per output of manifest.json at 20,000 outputs (400 clinics × 50 articles), built in memory:
// the version 2 layout (every output listing its inputs by name) against the current one.
// Run: node --import tsx bench/manifest-size.ts
import { encodeManifest } from '../src/batch/manifest-file.js';
import { syntheticManifest } from './synthetic-manifest.js';

const data = syntheticManifest(400, 50);
const count = Object.keys(data.outputs).length;
const version2 = `${JSON.stringify({ manifestVersion: 2, tool: '0.1.0', ...data }, null, 2)}\n`;
const current = encodeManifest({
  data,
  tool: '0.1.0',
  plan: { id: '0'.repeat(64), shard: { index: 1, count: 1 }, outputs: count },
});
for (const [name, text] of [
  ['version 2', version2],
  ['current', current],
] as const) {
  const bytes = Buffer.byteLength(text);
  console.log(
    `${name}: ${count} outputs, ${(bytes / 1024 / 1024).toFixed(1)} MB, ${Math.round(bytes / count)} bytes per output`,
  );
}
