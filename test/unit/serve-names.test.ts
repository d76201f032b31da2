import type { Element, Root } from 'hast';
import { fromParse5 } from 'hast-util-from-parse5';
import { selectAll } from 'hast-util-select';
import { toText } from 'hast-util-to-text';
import { parse } from 'parse5';
import { afterEach, describe, expect, it } from 'vitest';
import { readNames } from '../../src/serve/names.js';
import { galleryMain } from '../../src/serve/pages.js';
import { plannedOutputs } from '../../src/serve/plan.js';
import { previewState } from '../../src/serve/state.js';
import { makeProject, removeProject } from '../helpers/project.js';

const clinic = (name: string) => `name: ${name}\ncolors: { primary: "#0B5CAD" }\ncontact: { phone: "555-0100" }\n`;
const article = (front: string) => `---\n${front}\n---\n\nSome text.\n`;
const noFilters = { clinic: '', article: '', template: '', problem: '' };
let root = '';
afterEach(() => removeProject(root));

/** The gallery of a project as planned (nothing built): its cards' names and its filters' options. */
function gallery(files: Record<string, string>) {
  root = makeProject(files, { samples: false });
  const planned = plannedOutputs(root, { articles: [], clinics: [], template: null });
  const names = readNames(root, planned);
  const empty = { manifest: {}, proofs: [], problems: [], readability: [] };
  const { state } = previewState({ root, planned, names, outDir: root, pending: true, version: 1, ...empty });
  const tree = fromParse5(parse(galleryMain(state, noFilters).text)) as Root;
  const options = (name: string) =>
    selectAll(`select[name=${name}] option`, tree).map(
      (o) => `${String((o as Element).properties.value)}=${toText(o)}`,
    );
  return { state, names: selectAll('.card .name', tree).map((n) => toText(n)), options };
}

describe('names in the preview', () => {
  it('keeps the id where an article has no title or a clinic no name, or a file cannot be read as YAML', () => {
    const { state, names } = gallery({
      'content/articles/plain.md': article('title: A plain article'),
      'content/articles/untitled.md': article('summary: no title here'),
      'content/articles/broken.md': article('title: [unclosed'),
      'content/clinics/named.yaml': clinic('Named Clinic'),
      'content/clinics/nameless.yaml': 'colors: { primary: "#0B5CAD" }\n',
    });
    expect(new Set(names)).toEqual(new Set(['A plain article', 'untitled', 'broken']));
    expect(new Set(state.handouts.map((h) => h.clinicName))).toEqual(new Set(['Named Clinic', 'nameless']));
    expect(state.handouts.every((h) => h.status === 'pending')).toBe(true);
  });

  it('lists filters by name, and tells two clinics of the same name apart by their ids', () => {
    const { options } = gallery({
      'content/articles/knee.md': article('title: Knee pain'),
      'content/clinics/north.yaml': clinic('Wellness Clinic'),
      'content/clinics/south.yaml': clinic('Wellness Clinic'),
      'content/clinics/alpha.yaml': clinic('Alpha Care'),
    });
    expect(options('clinic')).toEqual([
      '=All clinics',
      'alpha=Alpha Care',
      'north=Wellness Clinic (north)',
      'south=Wellness Clinic (south)',
    ]);
    expect(options('article')).toEqual(['=All articles', 'knee=Knee pain']);
  });
});
