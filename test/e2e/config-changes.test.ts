import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProject } from '../../src/batch/index.js';
import { makeProject, removeProject } from '../helpers/project.js';

const config = (lines: readonly string[]) => `${lines.join('\n')}\n`;

const first = config([
  'builds:',
  '  - template: handout',
  '  - template: two-column',
  '    articles: [acupuncture-knee-pain]',
  'clinics:',
  '  harbor-wellness: { page: Letter }',
  'labels:',
  '  en: { book: "Scan to book" }',
]);

/**
 * A config change rebuilds exactly the outputs whose settings it changes. The sample content: an English
 * and a Spanish article, two clinics. Each case builds the first config again, then its change: the cases
 * share one output folder but not an order.
 */
describe('a change to handout.config.yaml rebuilds exactly the outputs it concerns', () => {
  let root: string;
  const built = async (yaml: string) => {
    writeFileSync(join(root, 'handout.config.yaml'), yaml);
    const report = await buildProject({ root, jobs: 1 });
    expect(report.errors).toEqual([]);
    return report.outputs.map((o) => o.path.slice(join(root, 'out').length + 1)).sort();
  };
  const changed = async (yaml: string) => {
    await built(first);
    return built(yaml);
  };

  beforeAll(async () => {
    root = makeProject();
    expect(await built(first)).toHaveLength(6);
  }, 120_000);
  afterAll(() => removeProject(root));

  it('comments, blank lines, quoting, flow or block style and key order change nothing', async () => {
    const same = config([
      '# The same settings, written differently.',
      'labels:',
      '  en:',
      "    book: 'Scan to book'   # quoted another way",
      '',
      'clinics:',
      '  harbor-wellness:',
      '    page: Letter',
      'builds:',
      '  - template: handout',
      '  - articles: [ acupuncture-knee-pain ]',
      '    template: two-column',
    ]);
    expect(await changed(same)).toEqual([]);
  });

  it("one template's rule (its output names) rebuilds only that template's outputs", async () => {
    const renamed = first.replace(
      '    articles: [acupuncture-knee-pain]',
      '    articles: [acupuncture-knee-pain]\n    output: "{clinic}/columns/{article}.pdf"',
    );
    expect(await changed(renamed)).toEqual([
      'harbor-wellness/columns/acupuncture-knee-pain.pdf',
      'ridgeline-integrative/columns/acupuncture-knee-pain.pdf',
    ]);
  });

  it("one clinic's page size rebuilds only that clinic's outputs", async () => {
    expect(await changed(first.replace('{ page: Letter }', '{ page: A4 }'))).toEqual([
      'harbor-wellness/acupuncture-knee-pain-two-column.pdf',
      'harbor-wellness/acupuncture-knee-pain.pdf',
      'harbor-wellness/puncion-seca-cuello.pdf',
    ]);
  });

  it("one language's labels rebuild only the handouts in that language", async () => {
    const spanish = first.replace(
      '  en: { book: "Scan to book" }',
      '  en: { book: "Scan to book" }\n  es: { book: "Reserve" }',
    );
    expect(await changed(spanish)).toEqual([
      'harbor-wellness/puncion-seca-cuello.pdf',
      'ridgeline-integrative/puncion-seca-cuello.pdf',
    ]);
  });
});
