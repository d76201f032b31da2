import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBrand } from '../../src/brand/index.js';
import { parseArticle } from '../../src/content/index.js';
import { HandoutError } from '../../src/errors.js';
import { parseSpec } from '../../src/spec/index.js';
import type { ParagraphSpec } from '../../src/spec/types.js';
import { expandTemplate, findTemplateDir, labelsFor } from '../../src/template/index.js';
import { makeProject, repoRoot } from '../helpers/project.js';

function contextFor(root: string, markdown: string) {
  const article = parseArticle(markdown, `${root}/content/articles/a.md`);
  return {
    article,
    clinic: readBrand(`${root}/content/clinics/harbor-wellness.yaml`),
    build: { date: '2026-01-01', template: 'handout', version: 'test' },
    labels: labelsFor(article.lang),
  };
}

describe('template: Handlebars → XML layout spec', () => {
  it('escapes article text so it cannot inject layout elements', () => {
    const root = makeProject();
    const context = contextFor(
      root,
      '---\ntitle: "A <page-break/> & <b>title</b>"\n---\n\nText with `<box>` and **real bold** & "quotes".\n',
    );
    const expanded = expandTemplate(findTemplateDir('handout', root), context);
    const spec = parseSpec(expanded, { root });
    const texts = (spec.body as ParagraphSpec[]).filter((b) => b.kind === 'paragraph');
    const title = texts[0]?.inlines.map((i) => (i.kind === 'text' ? i.text : '')).join('');
    expect(title).toBe('A <page-break/> & <b>title</b>');
    expect(spec.body.some((b) => b.kind === 'page-break')).toBe(false);
    const body = texts.find((p) => p.inlines.some((i) => i.kind === 'text' && i.text.includes('<box>')));
    expect(body?.inlines).toContainEqual(expect.objectContaining({ text: 'real bold', bold: true }));
  });

  it('names the template file and line of a misspelled variable', () => {
    const root = makeProject({
      'templates/typo/layout.hbs': '<document>\n  <body>\n    <p>{{article.titel}}</p>\n  </body>\n</document>\n',
    });
    try {
      expandTemplate(findTemplateDir('typo', root), contextFor(root, '---\ntitle: T\n---\n'));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(HandoutError);
      expect(error).toMatchObject({ code: 'template-variable', file: `${root}/templates/typo/layout.hbs`, line: 3 });
      expect((error as Error).message).toContain('article.titel');
    }
  });

  it('maps every element of the spec back to the template file and line that wrote it', () => {
    const root = makeProject({
      'templates/m/layout.hbs':
        '<document>\n  {{> styles}}\n  <body>\n    <p colour="red">{{article.title}}</p>\n  </body>\n</document>\n',
      'templates/m/styles.hbs': '{{!-- a <comment> with a tag in it --}}\n<style name="body" size="12furlongs"/>\n',
    });
    const expanded = expandTemplate(findTemplateDir('m', root), contextFor(root, '---\ntitle: T\n---\n'));
    let problems: readonly { file: string; line?: number; column?: number; message: string }[] = [];
    try {
      parseSpec(expanded, { root });
    } catch (error) {
      problems = (error as HandoutError).problems();
    }
    expect(problems.map((p) => [p.file.slice(root.length + 1), p.line, p.column])).toEqual([
      ['templates/m/styles.hbs', 2, 1],
      ['templates/m/layout.hbs', 4, 5],
    ]);
    expect(problems.map((p) => p.message)).toEqual([
      '<style size>: "12furlongs" is not a length (use e.g. 12pt, 0.5in, 10mm, 1cm)',
      '<p> has no attribute "colour"',
    ]);
  });

  it("places an element of a built-in partial where the project's template called it, with its values", () => {
    const root = makeProject({
      'templates/wide/layout.hbs':
        '{{!-- margins too wide --}}\n{{> single-column margin="0.8in 100000in" side="1in" inset="0" fitMin="12pt" bandTop="0.5in" bandBottom="0.25in" logo="0.8in" logoHeight="0.7in" running="0.7in" footer="0.7in" pageLabel="1.5in"}}\n',
      'templates/wide/styles.hbs': readFileSync(join(repoRoot, 'templates/handout/styles.hbs'), 'utf8'),
    });
    const expanded = expandTemplate(findTemplateDir('wide', root), contextFor(root, '---\ntitle: T\n---\n'));
    expect(() => parseSpec(expanded, { root })).toThrow(
      expect.objectContaining({ file: `${root}/templates/wide/layout.hbs`, line: 2, column: 1 }),
    );
  });

  it('gives the column of a mistake as written, past the places marked on the same line', () => {
    const root = makeProject({
      'templates/c/layout.hbs': '<document><body><p>x</p><p>{{article.titel}}</p></body></document>\n',
    });
    expect(() => expandTemplate(findTemplateDir('c', root), contextFor(root, '---\ntitle: T\n---\n'))).toThrow(
      expect.objectContaining({ file: `${root}/templates/c/layout.hbs`, line: 1, column: 30 }),
    );
  });

  it('names the partial file when the mistake is inside a partial', () => {
    const root = makeProject({
      'templates/p/layout.hbs': '<document><body>{{> part}}</body></document>',
      'templates/p/part.hbs': '\n<p>{{clinic.nmae}}</p>',
    });
    expect(() => expandTemplate(findTemplateDir('p', root), contextFor(root, '---\ntitle: T\n---\n'))).toThrow(
      expect.objectContaining({ file: `${root}/templates/p/part.hbs`, line: 2 }),
    );
  });

  it('reports a Handlebars syntax error with its line', () => {
    const root = makeProject({
      'templates/bad/layout.hbs': '<document>\n{{#if article.title}}\n<body/>\n{{/iff}}\n</document>',
    });
    expect(() => expandTemplate(findTemplateDir('bad', root), contextFor(root, '---\ntitle: T\n---\n'))).toThrow(
      expect.objectContaining({ code: 'template-syntax', line: 2 }),
    );
  });

  it('prefers a project template over the built-in one, and names unknown templates', () => {
    const root = makeProject({ 'templates/handout/layout.hbs': '<document><body/></document>' });
    expect(findTemplateDir('handout', root)).toBe(`${root}/templates/handout`);
    expect(() => findTemplateDir('nope', root)).toThrow(expect.objectContaining({ code: 'template-unknown' }));
  });

  it('writes Spanish labels for a Spanish article', () => {
    expect(labelsFor('es-MX').page).toBe('Página');
    expect(labelsFor('fr').page).toBe('Page');
  });

  it('cannot reach prototypes', () => {
    const root = makeProject({
      'templates/proto/layout.hbs': '<document><body><p>{{article.constructor.name}}x</p></body></document>',
    });
    expect(() => expandTemplate(findTemplateDir('proto', root), contextFor(root, '---\ntitle: T\n---\n'))).toThrow(
      expect.objectContaining({ code: 'template-variable', message: expect.stringContaining('article.constructor') }),
    );
  });
});
