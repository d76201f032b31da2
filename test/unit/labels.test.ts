import { describe, expect, it } from 'vitest';
import { type LabelKey, labelKeys } from '../../src/shared/labels.js';
import { helpers } from '../../src/template/helpers.js';
import {
  builtInLabels,
  labelLanguage,
  labelLanguages,
  labelsFor,
  labelTags,
  missingLabelsWarning,
  resolveLabels,
} from '../../src/template/labels.js';

const call = (name: string, ...args: unknown[]) => (helpers[name] as (...a: unknown[]) => unknown)(...args);

/** Every language clinics asked for (issue 20), plus Hebrew for right-to-left. */
const languages = [
  'en',
  'es',
  'fr',
  'de',
  'it',
  'pt',
  'pt-PT',
  'nl',
  'pl',
  'ru',
  'uk',
  'ht',
  'tl',
  'vi',
  'zh-Hans',
  'zh-Hant',
  'ja',
  'ko',
  'ar',
  'fa',
  'he',
];
/** A word (or character run) each language's table must hold, so a table swapped for another fails. */
const sample: Record<string, [LabelKey, string]> = {
  es: ['questions', 'Llámenos'],
  fr: ['of', 'sur'],
  de: ['page', 'Seite'],
  it: ['page', 'Pagina'],
  pt: ['visit', 'Escaneie'],
  'pt-PT': ['visit', 'Leia o código'],
  nl: ['questions', 'Bel ons'],
  pl: ['page', 'Strona'],
  ru: ['of', 'из'],
  uk: ['of', 'з'],
  ht: ['questions', 'Rele nou'],
  tl: ['page', 'Pahina'],
  vi: ['page', 'Trang'],
  'zh-Hans': ['contact', '联系我们'],
  'zh-Hant': ['contact', '聯絡我們'],
  ja: ['contact', 'お問い合わせ'],
  ko: ['contact', '연락처'],
  ar: ['of', 'من'],
  fa: ['of', 'از'],
  he: ['of', 'מתוך'],
};
const scripts: Record<string, RegExp> = {
  ru: /^[\p{Script=Cyrillic}\s.,?!’-]+$/u,
  uk: /^[\p{Script=Cyrillic}\s.,?!’-]+$/u,
  ar: /^[\p{Script=Arabic}\p{M}\s.,،؟]+$/u,
  fa: /^[\p{Script=Arabic}\p{M}\s.,،؟\u200c]+$/u,
  he: /^[\p{Script=Hebrew}\s.,?״]+$/u,
  ko: /^[\p{Script=Hangul}\sQR./]+$/u,
};

describe('labels in the languages clinics need', () => {
  it('has a table for each of them', () => {
    expect([...labelLanguages].sort()).toEqual([...languages].sort());
  });

  it.each(languages)('%s: every key is given, none falls back to English', (lang) => {
    const { labels, missing, foreign } = resolveLabels(lang);
    expect(missing).toEqual([]);
    expect(Object.values(foreign).every((l) => l === null)).toBe(true);
    expect(Object.keys(labels).sort()).toEqual([...labelKeys].sort());
    for (const key of labelKeys) expect(labels[key].trim().length).toBeGreaterThan(0);
  });

  it.each(languages.filter((l) => l !== 'en'))('%s: written in the language, not English', (lang) => {
    const english = labelsFor('en');
    const labels = labelsFor(lang);
    for (const key of ['reviewed', 'questions', 'book', 'visit', 'disclaimer', 'urgent'] as const)
      expect(labels[key], key).not.toBe(english[key]);
    const [key, words] = sample[lang] as [LabelKey, string];
    expect(labels[key]).toContain(words);
    const script = scripts[lang];
    if (script)
      for (const k of ['page', 'questions', 'disclaimer', 'urgent'] as const) expect(labels[k]).toMatch(script);
  });

  it('picks labels by language and country: es-MX uses es, pt-PT changes the Brazilian words it needs', () => {
    expect(labelsFor('es-MX').page).toBe('Página');
    expect(labelsFor('pt').contact).toBe('Fale conosco');
    expect(labelsFor('pt-BR').visit).toBe('Escaneie para visitar nosso site');
    expect(labelsFor('pt-PT')).toMatchObject({ contact: 'Contacte-nos', address: 'Morada', page: 'Página' });
    expect(labelsFor('FR').of).toBe('sur');
  });

  it('Portuguese outside Brazil is European; Chinese by script, from the script or the region', () => {
    for (const lang of ['pt-PT', 'pt-AO', 'pt-MZ']) expect(labelsFor(lang).visit, lang).toMatch(/^Leia o código/);
    for (const lang of ['zh', 'zh-CN', 'zh-SG', 'zh-Hans', 'zh-Hans-CN'])
      expect(labelsFor(lang).contact, lang).toBe('联系我们');
    for (const lang of ['zh-TW', 'zh-HK', 'zh-MO', 'zh-Hant', 'zh-Hant-HK'])
      expect(labelsFor(lang).contact, lang).toBe('聯絡我們');
    expect(labelTags('zh-HK')).toEqual(['zh', 'zh-hant', 'zh-hk']);
    expect(labelTags('pt-AO')).toEqual(['pt', 'pt-pt', 'pt-ao']);
    // Filipino is standardised Tagalog; Intl's old code for Hebrew is still Hebrew.
    expect(labelsFor('fil').page).toBe('Pahina');
    expect(labelsFor('iw').of).toBe('מתוך');
  });

  it("a bare tag takes the country from the clinic: a Lisbon clinic's pt article gets European words", () => {
    const lisbon = { lang: 'pt-PT', languages: null };
    expect(labelLanguage('pt', lisbon)).toBe('pt-PT');
    expect(labelsFor('pt', [], lisbon)).toMatchObject({ visit: 'Leia o código para visitar o nosso site' });
    expect(labelsFor('pt', [], { languages: ['en', 'pt-PT'] }).contact).toBe('Contacte-nos');
    expect(labelsFor('zh', [], { languages: ['zh-Hant-HK'] }).contact).toBe('聯絡我們');
    // An article that names its own country keeps it; a clinic in another language changes nothing.
    expect(labelsFor('pt-BR', [], lisbon).contact).toBe('Fale conosco');
    expect(labelsFor('pt', [], { lang: 'en-GB' }).contact).toBe('Fale conosco');
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

  it('a missing key falls back to the nearest language: pt-PT → pt → en', () => {
    const project = { pt: { notes: 'Observações' }, 'pt-PT': { book: 'Marque aqui' } };
    const resolved = resolveLabels('pt-PT', [project]);
    expect(resolved.labels).toMatchObject({ notes: 'Observações', book: 'Marque aqui', address: 'Morada' });
    expect(resolved.missing).toEqual([]);
  });

  it('a language without labels falls back to English, names what is missing and marks each fallback English', () => {
    expect(resolveLabels('sv').missing).toEqual([...labelKeys]);
    expect(resolveLabels('sv').labels.page).toBe('Page');
    expect(resolveLabels('sv').foreign.disclaimer).toBe('en');
    const partly = resolveLabels('sv', [{ sv: { page: 'Sida', of: 'av' } }]);
    expect(partly.labels.page).toBe('Sida');
    expect(partly.missing).not.toContain('page');
    expect(partly.missing).toContain('disclaimer');
    expect(partly.foreign).toMatchObject({ page: null, of: null, disclaimer: 'en' });
    // A country's own words are the same language: not marked.
    expect(resolveLabels('en-GB', [{ 'en-GB': { notes: 'Notes, please' } }]).foreign.notes).toBeNull();

    const article = { file: '/p/content/articles/a.md', lang: 'sv', lines: { lang: 4 } };
    expect(missingLabelsWarning(article, [])).toMatchObject({
      code: 'labels-missing',
      severity: 'warning',
      line: 4,
      message: expect.stringMatching(
        /^no labels for language "sv": page, of, reviewed, .*disclaimer.* are printed in English$/,
      ),
      hint: expect.stringContaining('labels: { sv: { page: "…" } }'),
    });
    expect(missingLabelsWarning(article, [{ sv: builtInLabels.en ?? {} }])).toBeNull();
    expect(missingLabelsWarning({ ...article, lang: 'fr' }, [])).toBeNull();
  });
});

describe('label helpers: a label in another language carries its own lang', () => {
  const root = (lang: string) => {
    const resolved = resolveLabels(lang);
    return {
      data: {
        root: { labels: resolved.labels, labelLangs: resolved.foreign, article: { lang }, clinic: { lang: 'de' } },
      },
    };
  };
  const text = (value: unknown) => String(value);

  it('wraps a fallback label in <span lang="en"> and leaves the article’s own words bare', () => {
    expect(text(call('label', 'disclaimer', root('sv')))).toMatch(/^<span lang="en">This handout is for general/);
    expect(text(call('label', 'disclaimer', root('vi')))).toMatch(/^Tài liệu này/);
    expect(text(call('labelLang', 'book', root('sv')))).toBe(' lang="en"');
    expect(text(call('labelLang', 'book', root('ko')))).toBe('');
    expect(() => call('label', 'nonsense', root('en'))).toThrow(/not a label/);
  });

  it("marks the clinic's name with the clinic's language only where it differs from the article's", () => {
    expect(text(call('clinicWords', 'Reha & Co', root('en')))).toBe('<span lang="de">Reha &amp; Co</span>');
    expect(text(call('clinicWords', 'Reha & Co', root('de-AT')))).toBe('Reha &amp; Co');
  });

  it('sets a full-width colon after a label in Chinese and Japanese (no space after it), a narrow space before it in French', () => {
    expect(call('colon', 'zh-Hant')).toBe('\uFF1A');
    expect(call('colon', 'ja')).toBe('\uFF1A');
    expect(call('colon', 'fr-CA')).toBe('\u202F: ');
    expect(call('colon', 'ko')).toBe(': ');
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
