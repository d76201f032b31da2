import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from '../../src/schemas.js';
import { repoRoot } from '../helpers/project.js';

describe('published JSON Schemas', () => {
  it('match the zod schemas that validate the files (run "npm run schemas" after changing one)', () => {
    for (const [name, schema] of Object.entries(jsonSchemas())) {
      const published = JSON.parse(readFileSync(join(repoRoot, 'schemas', name), 'utf8'));
      expect(published, name).toEqual(JSON.parse(JSON.stringify(schema)));
    }
  });

  it('describe the config file fields', () => {
    const schema = jsonSchemas()['handout.config.schema.json'] as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['out', 'output', 'builds', 'clinics', 'articles']),
    );
  });
});
