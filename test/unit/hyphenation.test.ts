import { describe, expect, it } from 'vitest';
import { breakPoints, patternFolderFor } from '../../src/layout/hyphenation.js';
import { layoutDocument } from '../../src/layout/index.js';
import type { LaidOutDocument, TextBox } from '../../src/layout/types.js';
import { parseSpec } from '../../src/spec/index.js';

/** A word with its break points shown as "-". */
const marked = (word: string, lang: string) => {
  let out = '';
  let from = 0;
  for (const at of breakPoints(word, lang, true)) {
    out += `${word.slice(from, at)}-`;
    from = at;
  }
  return out + word.slice(from);
};

describe('hyphenation: each language by its own patterns', () => {
  it.each([
    ['de', 'Rehabilitationszentrum', 'Re-ha-bi-li-ta-ti-ons-zen-trum'],
    ['de-AT', 'Rehabilitationszentrum', 'Re-ha-bi-li-ta-ti-ons-zen-trum'],
    ['en', 'rehabilitation', 're-ha-bil-i-ta-tion'],
    ['ru', 'реабилитация', 'ре-а-би-ли-та-ция'],
    ['uk', 'реабілітація', 'ре-а-бі-лі-та-ція'],
    ['pl', 'rehabilitacja', 're-ha-bi-li-ta-cja'],
    ['nl', 'ziekenhuisopname', 'zie-ken-huis-op-name'],
    ['pt-PT', 'reabilitação', 're-a-bi-li-ta-ção'],
    ['it', 'riabilitazione', 'ria-bi-li-ta-zione'],
  ])('%s: %s', (lang, word, expected) => {
    expect(marked(word, lang)).toBe(expected);
  });

  it('German words break at German points, not English ones ("Rehabilitation-szentrum")', () => {
    expect(marked('Rehabilitationszentrum', 'en')).toContain('tion-szen');
    expect(marked('Rehabilitationszentrum', 'de')).toContain('ons-zen');
  });

  it('picks the most specific pattern set a tag has, and none for languages that break without a hyphen', () => {
    expect(patternFolderFor('en')).toBe('en-us');
    expect(patternFolderFor('en-GB')).toBe('en-gb');
    expect(patternFolderFor('de-CH')).toBe('de');
    expect(patternFolderFor('sr-Latn-RS')).toBe('sh-latn');
    expect(patternFolderFor('el')).toBe('el-monoton');
    for (const lang of ['zh-Hant', 'ja', 'ko', 'vi', 'ar', 'he', 'th', 'ht', 'tl'])
      expect(patternFolderFor(lang), lang).toBeNull();
    expect(breakPoints('Rehabilitationszentrum', 'vi', true)).toEqual([]);
  });
});

const templateFile = '/project/templates/t/layout.hbs';
const layout = (xml: string): LaidOutDocument =>
  layoutDocument(parseSpec({ xml, templateFile }, { root: '/project' }), { images: new Map() });
const lineEnds = (doc: LaidOutDocument) =>
  (doc.pages[0]?.boxes ?? []).filter((b): b is TextBox => b.kind === 'text').map((b) => b.text);

describe('hyphenation: a paragraph in its own language', () => {
  // A column narrower than "Rehabilitationszentrum": every copy must break.
  const page = (p: string) =>
    `<document lang="en" margin="72pt 470pt 72pt 72pt"><style name="h" size="10pt" hyphenate="true"/><body>${p}</body></document>`;
  const name = 'Rehabilitationszentrum Rehabilitationszentrum Rehabilitationszentrum am Stadtpark';

  it('uses the paragraph’s lang, not the document’s', () => {
    const german = lineEnds(layout(page(`<p style="h" lang="de">${name}</p>`)));
    const hyphenated = german.filter((t) => t.endsWith('\u00AD'));
    expect(hyphenated.length).toBeGreaterThan(0);
    // Every German break is at a German point; "Rehabilitation-szentrum" is English patterns on a German word.
    for (const head of hyphenated) expect(head).not.toMatch(/tion\u00AD$/);
    // The same paragraph without its lang is set by the document's English patterns, which break it wrongly.
    const english = lineEnds(layout(page(`<p style="h">${name}</p>`)));
    expect(english).toContain('szentrum am ');
  });
});

describe('hyphenation: display names', () => {
  // The masthead's name style: bold display type that shrinks to fit three lines, balanced.
  const masthead = (hyphenate: boolean, right: number) =>
    `<document lang="en" margin="72pt ${right}pt 72pt 72pt"><style name="name" size="19pt" bold="true" balance="true" fit-lines="3" hyphenate="${hyphenate}"/><body><p style="name" lang="de">Rehabilitationszentrum und Therapiezentrum Hafenblick am Stadtpark</p></body></document>`;
  const hyphenatedAt = (hyphenate: boolean) =>
    Array.from({ length: 22 }, (_, i) => 200 + i * 10).filter((right) =>
      lineEnds(layout(masthead(hyphenate, right))).some((t) => t.endsWith('\u00AD')),
    );

  // Down to a column where the longest word still fits at the smallest size display type may take (60%): only a
  // word wider than the line at that size is broken, at its own language's points, rather than cut anywhere.
  it('a name style with hyphenate="false" keeps every word whole at every width; with patterns it would not', () => {
    expect(hyphenatedAt(true).length).toBeGreaterThan(0);
    expect(hyphenatedAt(false)).toEqual([]);
  });
});

describe("hyphenation: the author's soft hyphens", () => {
  it("a word with soft hyphens breaks only there (a medicine's name at its stems), one without at its patterns", () => {
    expect(breakPoints('Paracetamol', 'de', true).length).toBeGreaterThan(1);
    expect(breakPoints('Para\u00ADcetamol', 'de', true)).toEqual([5]);
    expect(breakPoints('HbA1c-Wert', 'de', true)).toEqual([]);
  });
});
