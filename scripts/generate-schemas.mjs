// Writes schemas/*.json from the zod schemas in src/ (via the compiled dist/). Run: npm run schemas
import { mkdirSync, writeFileSync } from 'node:fs';
import { jsonSchemas } from '../dist/schemas.js';

const dir = new URL('../schemas/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const [name, schema] of Object.entries(jsonSchemas())) {
  writeFileSync(new URL(name, dir), `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote schemas/${name}`);
}
