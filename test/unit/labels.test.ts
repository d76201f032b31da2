import { describe, expect, it } from 'vitest';
import { labelKeys } from '../../src/shared/labels.js';
import { helpers } from '../../src/template/helpers.js';
import {
  builtInLabels,
  labelLanguages,
  labelsFor,
  missingLabelsWarning,
  resolveLabels,
} from '../../src/template/labels.js';

const languages = ['en', 'es', 'fr', 'de', 'it', 'pt', 'nl'];
const call = (name: string, ...args: unknown[]) => (helpers[name] as (...a: unknown[]) => unknown)(...args);

describe('labels in every language the hyphenator knows', () => {
  it('has a full table for en, es, fr, de, it, pt and nl', () => {
    expect([...labelLanguages].sort()).toEqual([...languages].sort());
  });

  it.each(languages)('%s: every key is given, none falls back to English', (lang) => {
    const { labels, missing } = resolveLabels(lang);
    expect(missing).toEqual([]);
    expect(Object.keys(labels).sort()).toEqual([...labelKeys].sort());
    for (const key of labelKeys) expect(labels[key].trim().length).toBeGreaterThan(0);
  });

  it.each(languages.filter((l) => l !== 'en'))('%s: the sentences are in the language, not English', (lang) => {
    const english = labelsFor('en');
    const labels = labelsFor(lang);
    for (const key of ['of', 'reviewed', 'questions', 'book', 'visit', 'disclaimer', 'urgent'] as const)
      expect(labels[key], key).not.toBe(english[key]);
  });

  it('picks labels by language and country: es-MX uses es, pt-PT changes the Brazilian words it needs', () => {
    expect(labelsFor('es-MX').page).toBe('Página');
    expect(labelsFor('pt').contact).toBe('Fale conosco');
    expect(labelsFor('pt-PT')).toMatchObject({ contact: 'Contacte-nos', address: 'Morada', page: 'Página' });
    expect(labelsFor('FR').of).toBe('sur');
  });

  it('overrides: built-in < project < clinic, a country tag over its language', () => {
    const project = { en: { book: 'Scan to book online', visit: 'Scan for our site' } };
    const clinic = { en: { book: 'Scan to see our calendar' }, 'en-GB': { visit: 'Scan for our website, please' } };
    expect(labelsFor('en', [project])).toMatchObject({ book: 'Scan to book online', visit: 'Scan for our site' });
    expect(labelsFor('en', [project, clinic])).toMatchObject({
      book: 'Scan to see our calendar',
      visit: 'Scan for our site',
    });
    expect(labelsFor('en-GB', [project, clinic]).visit).toBe('Scan for our website, please');
  });

  it('a language without labels falls back to English and names what is missing', () => {
    expect(resolveLabels('pl').missing).toEqual([...labelKeys]);
    expect(resolveLabels('pl').labels.page).toBe('Page');
    const partly = resolveLabels('pl', [{ pl: { page: 'Strona', of: 'z' } }]);
    expect(partly.labels.page).toBe('Strona');
    expect(partly.missing).not.toContain('page');
    expect(partly.missing).toContain('disclaimer');

    const article = { file: '/p/content/articles/a.md', lang: 'pl', lines: { lang: 4 } };
    expect(missingLabelsWarning(article, [])).toMatchObject({
      code: 'labels-missing',
      severity: 'warning',
      line: 4,
      message: expect.stringMatching(
        /^no labels for language "pl": page, of, reviewed, .*disclaimer.* are printed in English$/,
      ),
      hint: expect.stringContaining('labels: { pl: { page: "…" } }'),
    });
    expect(missingLabelsWarning(article, [{ pl: builtInLabels.en ?? {} }])).toBeNull();
    expect(missingLabelsWarning({ ...article, lang: 'fr' }, [])).toBeNull();
  });
});

describe("dates and numbers by Intl, in the article's language", () => {
  it.each([
    ['en', 'September 14, 2026', '1,234.5'],
    ['es', '14 de septiembre de 2026', '1234,5'],
    ['fr', '14 septembre 2026', '1\u202f234,5'],
    ['de', '14. September 2026', '1.234,5'],
    ['it', '14 settembre 2026', '1234,5'],
    ['pt', '14 de setembro de 2026', '1.234,5'],
    ['nl', '14 september 2026', '1.234,5'],
  ])('%s: %s, %s', (lang, date, number) => {
    expect(call('date', '2026-09-14', lang)).toBe(date);
    expect(call('number', 1234.5, lang)).toBe(number);
  });

  it('a language Intl does not know still prints a date, in English', () => {
    expect(call('date', '2026-09-14', 'en-x-private-nonsense-tag')).toMatch(/2026/);
    expect(call('number', 'not a number', 'en')).toBe('');
  });
});
