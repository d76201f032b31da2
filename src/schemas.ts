import { z } from 'zod';
import { clinicSchema } from './brand/schema.js';
import { frontMatterSchema } from './content/schema.js';
import { configSchema } from './project/config-schema.js';

/** JSON Schemas for the files people edit, generated from the same zod schemas that validate them. */
export function jsonSchemas(): Record<string, object> {
  const make = (schema: z.ZodType, title: string) => ({
    title,
    ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-7' }),
  });
  return {
    'handout.config.schema.json': make(configSchema, 'Handout Press project config (handout.config.yaml)'),
    'clinic.schema.json': make(clinicSchema, 'Handout Press clinic file (content/clinics/*.yaml)'),
    'article.schema.json': make(frontMatterSchema, 'Handout Press article front matter (content/articles/*.md)'),
  };
}
