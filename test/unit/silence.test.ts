import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/errors.js';
import type { ProjectConfig } from '../../src/project/config-schema.js';
import { silenceDiagnostics } from '../../src/project/silence.js';

const project = (config: ProjectConfig) => ({
  config,
  articles: [{ id: 'knee', file: '/p/content/articles/knee.md' }],
  clinics: [{ id: 'bay', file: '/p/content/clinics/bay.yaml' }],
});
const said = (d: Partial<Diagnostic>): Diagnostic => ({
  code: 'reading-grade',
  severity: 'warning',
  message: 'reading level is over the gate',
  file: '/p/content/articles/knee.md',
  ...d,
});

describe('silenceDiagnostics', () => {
  it('finds the article or clinic by the file when a diagnostic names neither', () => {
    const grade = said({});
    const colour = said({ code: 'contrast', file: '/p/content/clinics/bay.yaml' });
    const other = said({ file: '/p/content/articles/hip.md' });
    const { kept, silenced } = silenceDiagnostics(
      [grade, colour, other],
      project({
        articles: { knee: { diagnostics: { ignore: ['reading-grade'] } } },
        clinics: { bay: { diagnostics: { ignore: ['contrast'] } } },
      }),
    );
    expect(kept).toEqual([other]);
    expect(silenced).toBe(2);
  });

  it("keeps errors whatever the lists say, and what another clinic's list names", () => {
    const strict = said({ severity: 'error' });
    const elsewhere = said({ code: 'panel-half-empty', clinic: 'cove', article: 'hip', file: '/p/t.hbs' });
    const { kept, silenced } = silenceDiagnostics(
      [strict, elsewhere],
      project({
        diagnostics: { ignore: ['reading-grade'] },
        clinics: { bay: { diagnostics: { ignore: ['panel-half-empty'] } } },
      }),
    );
    expect(kept).toEqual([strict, elsewhere]);
    expect(silenced).toBe(0);
  });
});
