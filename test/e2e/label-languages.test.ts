import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBrand } from '../../src/brand/index.js';
import type { Brand } from '../../src/brand/types.js';
import { readArticle } from '../../src/content/index.js';
import { layoutHandout, renderHandout } from '../../src/pipeline.js';
import type { LabelKey } from '../../src/shared/labels.js';
import { labelsFor } from '../../src/template/labels.js';
import { systemFont } from '../helpers/ocr.js';
import { makeProject, removeProject, repoRoot, writeIn } from '../helpers/project.js';
import { readStructure, type StructItem } from '../helpers/structure.js';

/** A short article per language: a title, a sentence, and a warning callout with no title of its own. */
const articles: Record<string, { title: string; text: string; warning: string }> = {
  es: {
    title: 'El dolor de rodilla',
    text: 'Su rodilla es una articulación grande.',
    warning: 'Llame si el dolor empeora.',
  },
  fr: {
    title: 'La douleur au genou',
    text: 'Votre genou est une grande articulation.',
    warning: 'Appelez si la douleur augmente.',
  },
  de: {
    title: 'Knieschmerzen',
    text: 'Ihr Knie ist ein großes Gelenk.',
    warning: 'Rufen Sie an, wenn es schlimmer wird.',
  },
  it: {
    title: 'Il dolore al ginocchio',
    text: 'Il ginocchio è una grande articolazione.',
    warning: 'Chiami se il dolore aumenta.',
  },
  nl: { title: 'Pijn in de knie', text: 'Uw knie is een groot gewricht.', warning: 'Bel als de pijn erger wordt.' },
  'pt-BR': { title: 'Dor no joelho', text: 'O joelho é uma articulação grande.', warning: 'Ligue se a dor piorar.' },
  'pt-PT': { title: 'Dor no joelho', text: 'O joelho é uma articulação grande.', warning: 'Ligue se a dor piorar.' },
  pl: { title: 'Ból kolana', text: 'Kolano to duży staw.', warning: 'Zadzwoń, jeśli ból się nasili.' },
  ru: { title: 'Боль в колене', text: 'Колено — большой сустав.', warning: 'Позвоните, если боль усилится.' },
  uk: { title: 'Біль у коліні', text: 'Коліно — великий суглоб.', warning: 'Зателефонуйте, якщо біль посилиться.' },
  ht: { title: 'Doulè nan jenou', text: 'Jenou ou se yon gwo jwenti.', warning: 'Rele si doulè a vin pi mal.' },
  tl: {
    title: 'Pananakit ng tuhod',
    text: 'Ang tuhod ay isang malaking kasukasuan.',
    warning: 'Tumawag kung lumala ang sakit.',
  },
  vi: { title: 'Đau đầu gối', text: 'Đầu gối là một khớp lớn.', warning: 'Hãy gọi nếu cơn đau nặng hơn.' },
  'zh-Hant': { title: '膝蓋疼痛', text: '膝蓋是一個大關節。', warning: '如果疼痛加劇，請致電。' },
  'zh-Hans': { title: '膝盖疼痛', text: '膝盖是一个大关节。', warning: '如果疼痛加剧，请致电。' },
  ja: { title: '膝の痛み', text: '膝は大きな関節です。', warning: '痛みが強くなったらお電話ください。' },
  ko: { title: '무릎 통증', text: '무릎은 큰 관절입니다.', warning: '통증이 심해지면 전화하세요.' },
  ar: { title: 'ألم الركبة', text: 'الركبة مفصل كبير.', warning: 'اتصل إذا ازداد الألم.' },
  fa: { title: 'درد زانو', text: 'زانو مفصل بزرگی است.', warning: 'اگر درد بیشتر شد تماس بگیرید.' },
  he: { title: 'כאב בברך', text: 'הברך היא מפרק גדול.', warning: 'התקשרו אם הכאב מחמיר.' },
  sv: { title: 'Ont i knät', text: 'Knät är en stor led.', warning: 'Ring om det gör mer ont.' },
};
/** Scripts set right to left: their PDF text layer is another worktree's (issue 20, RTL); here the laid-out text is read. */
const rightToLeft = new Set(['ar', 'fa', 'he']);
const cjk = new Set(['zh-Hant', 'zh-Hans', 'ja', 'ko']);
const printed: LabelKey[] = ['reviewed', 'questions', 'book', 'disclaimer', 'urgent'];
const english = labelsFor('en');
const squash = (text: string) => text.replace(/[\s\u00AD]+/g, '');
const droid = systemFont('DroidSansFallbackFull.ttf');
// Droid Sans Fallback has no Hangul: Korean takes Noto Sans CJK (Debian's fonts-noto-cjk; its first face has it).
const notoCjk = systemFont('NotoSansCJK-Regular.ttc');

let root: string;
let harbor: Brand;
beforeAll(() => {
  root = makeProject({}, { samples: 'short' });
  harbor = englishClinic(root);
  if (droid) {
    mkdirSync(join(root, 'fonts'), { recursive: true });
    copyFileSync(droid, join(root, 'fonts/DroidSansFallbackFull.ttf'));
  }
});
afterAll(() => {
  removeProject(root);
  if (korean) removeProject(korean);
});

/** The article in a language; `long` repeats its sentence to fill the trifold's panels. */
function article(lang: string, id = lang.toLowerCase(), long = false) {
  const a = articles[lang] as { title: string; text: string; warning: string };
  const body = long ? Array.from({ length: 14 }, () => `${a.text} `.repeat(6)).join('\n\n') : a.text;
  const markdown = `---\ntitle: ${a.title}\nlang: ${lang}\nreviewed: 2026-09-14\n---\n\n${body}\n\n> [!WARNING]\n> ${a.warning}\n`;
  const home = rootFor(lang);
  return readArticle(writeIn(home, `content/articles/${id}.md`, markdown), home);
}

/** The sample clinic, saying its name and tagline are English: every handout in another language marks them. */
function englishClinic(project: string): Brand {
  const clinicFile = join(project, 'content/clinics/harbor-wellness.yaml');
  writeIn(project, 'content/clinics/harbor-wellness.yaml', `${readFileSync(clinicFile, 'utf8')}\nlang: en\n`);
  return readBrand(clinicFile);
}

let korean: string | null = null;
let koreanClinic: Brand | null = null;
/** A project whose fonts cover the language: Korean's own, with Noto Sans CJK. */
function rootFor(lang: string): string {
  if (lang !== 'ko' || !notoCjk) return root;
  if (!korean) {
    korean = makeProject({}, { samples: 'short' });
    mkdirSync(join(korean, 'fonts'), { recursive: true });
    copyFileSync(notoCjk, join(korean, 'fonts/NotoSansCJK-Regular.ttc'));
    koreanClinic = englishClinic(korean);
  }
  return korean;
}

/** Every element with its text, its own /Lang and the /Lang it inherits. */
function elements(
  items: readonly StructItem[],
  inherited: string | null = null,
): { item: StructItem; lang: string | null }[] {
  return items.flatMap((item) => {
    const lang = item.lang ?? inherited;
    return [{ item, lang }, ...elements(item.children, lang)];
  });
}

describe('labels in the article’s language, and /Lang on whatever is not', () => {
  const tagged = Object.keys(articles).filter((l) => !rightToLeft.has(l) && l !== 'sv');
  it.each(tagged)(
    '%s: every printed label is in the language; only the clinic’s English name is marked en',
    async (lang) => {
      if (cjk.has(lang) && !(lang === 'ko' ? notoCjk : droid)) return;
      const { pdf } = await renderHandout({
        root: rootFor(lang),
        article: article(lang),
        brand: lang === 'ko' && koreanClinic ? koreanClinic : harbor,
        template: 'handout',
      });
      const { pages } = await readStructure(pdf);
      const all = elements(pages.flat());
      const text = squash(all.map((e) => e.item.text).join(' '));
      const labels = labelsFor(lang);
      for (const key of printed) {
        expect(text, key).toContain(squash(labels[key]));
        if (lang !== 'tl' || key !== 'book') expect(text, key).not.toContain(squash(english[key]));
      }
      // Elements in another language than the article: the clinic's name, tagline and address (English), nothing else.
      const marked = all.filter((e) => e.item.lang && e.item.lang !== lang);
      expect(marked.map((e) => e.item.lang)).toEqual(marked.map(() => 'en'));
      const markedText = marked.map((e) => e.item.alt ?? e.item.text);
      const clinicWords = [
        'Harbor Wellness Acupuncture',
        'Gentle care since 2009',
        '12 Commercial Street, Portland, ME 04101',
      ];
      expect(markedText).toEqual(expect.arrayContaining(clinicWords));
      for (const t of markedText) expect(clinicWords).toContain(t);
      // In the closing block too, not only in the masthead: the name is marked wherever it is printed.
      expect(marked.filter((e) => e.item.text === 'Harbor Wellness Acupuncture').length).toBeGreaterThanOrEqual(2);
      // The QR code's alt text is the address it opens; the label printed under it says what for.
      const qr = all.find((e) => e.item.role === 'Figure' && e.item.alt?.includes('example.org/book'));
      expect(qr?.item.alt).toBe('https://example.org/book');
      expect(qr?.item.lang ?? null).toBeNull();
    },
  );

  it.each([...rightToLeft])('%s: the labels laid out are in the language', (lang) => {
    const { document } = layoutHandout({ root, article: article(lang), brand: harbor, template: 'handout' });
    const text = squash(document.pages.flatMap((p) => p.boxes.map((b) => (b.kind === 'text' ? b.text : ''))).join(''));
    const labels = labelsFor(lang);
    for (const key of printed) {
      expect(text, key).toContain(squash(labels[key]));
      expect(text, key).not.toContain(squash(english[key]));
    }
  });

  it('English fallback labels carry /Lang en in an article without labels (sv)', async () => {
    const { pdf } = await renderHandout({ root, article: article('sv'), brand: harbor, template: 'handout' });
    const all = elements((await readStructure(pdf)).pages.flat());
    for (const key of ['reviewed', 'questions', 'disclaimer', 'urgent', 'book'] as const) {
      const run = all.find((e) => e.item.text === english[key]);
      expect(run?.item.lang, key).toBe('en');
    }
    const qr = all.find((e) => e.item.role === 'Figure' && e.item.alt?.includes('example.org/book'));
    expect(qr?.item.alt).toBe('https://example.org/book');
    // The article's own words stay unmarked: they inherit the document's sv.
    expect(all.find((e) => e.item.text === 'Knät är en stor led.')?.lang ?? null).toBeNull();
  });
});

describe('a clinic file without lang', () => {
  const marks = async (brand: Brand, lang: string, template: string) => {
    const { pdf } = await renderHandout({
      root,
      article: article(lang, `sin-${lang}`, template === 'trifold'),
      brand,
      template,
    });
    return elements((await readStructure(pdf)).pages.flat())
      .filter((e) => e.item.lang)
      .map((e) => [e.item.alt ?? e.item.text, e.item.lang]);
  };
  it.each(['handout', 'trifold'])('%s: its words are in its first language served, else English', async (template) => {
    const file = writeIn(
      root,
      'content/clinics/sin-lang.yaml',
      'name: Clínica Sol\ntagline: Cuidado amable\nlanguages: [es, en]\ncontact: { address: "Calle Mayor 5, Madrid" }\n',
    );
    const spanishClinic = readBrand(file);
    expect(spanishClinic.lang).toBe('es');
    // A Spanish clinic's words in a French handout are read in Spanish; in a Spanish one they are unmarked.
    expect(await marks(spanishClinic, 'fr', template)).toEqual(
      expect.arrayContaining([
        ['Clínica Sol', 'es'],
        ['Cuidado amable', 'es'],
        ['Calle Mayor 5, Madrid', 'es'],
      ]),
    );
    expect((await marks(spanishClinic, 'es', template)).filter(([, l]) => l === 'es')).toEqual([]);
    // No lang and no languages (the sample clinic as shipped): English, the default of an article too.
    expect(readBrand(join(repoRoot, 'content/clinics/harbor-wellness.yaml')).lang).toBe('en');
  });
});

describe('regional variants from the full tag and the clinic', () => {
  it('a Lisbon clinic gets European Portuguese for a pt article, Brazil Brazilian, in every template', async () => {
    const lisbon = { ...harbor, lang: 'pt-PT', languages: ['pt-PT'] };
    for (const template of ['handout', 'trifold']) {
      const pt = article('pt-PT', 'joelho', true);
      const bare = { ...pt, lang: 'pt' };
      const text = async (brand: Brand) =>
        squash(
          elements(
            (await readStructure((await renderHandout({ root, article: bare, brand, template })).pdf)).pages.flat(),
          )
            .map((e) => e.item.text)
            .join(' '),
        );
      const european = await text(lisbon);
      expect(european, template).toContain(squash('Leia o código para marcar uma consulta'));
      expect(european, template).not.toContain('Escaneie');
      const brazilian = await text(harbor);
      expect(brazilian, template).toContain(squash('Escaneie para agendar uma consulta'));
    }
  });

  it.each([
    ['zh-TW', '聯絡我們'],
    ['zh-HK', '聯絡我們'],
    ['zh-CN', '联系我们'],
  ])('%s: Chinese labels in the script of the region', async (lang, contact) => {
    if (!droid) return;
    const zh = article(lang.startsWith('zh-C') ? 'zh-Hans' : 'zh-Hant', `zh-${lang}`, true);
    const { pdf } = await renderHandout({ root, article: { ...zh, lang }, brand: harbor, template: 'trifold' });
    const text = squash(
      elements((await readStructure(pdf)).pages.flat())
        .map((e) => e.item.text)
        .join(''),
    );
    expect(text).toContain(contact);
  });
});

describe("a clinic's name is never hyphenated", () => {
  it.each(['handout', 'two-column', 'large-print', 'trifold'])(
    '%s: a long German name stays whole in the masthead and the closing block',
    (template) => {
      const name = 'Rehabilitationszentrum Hafenblick am Stadtpark';
      const german = { ...harbor, name, lang: 'de' };
      const { document } = layoutHandout({ root, article: article('de', 'knie', true), brand: german, template });
      const boxes = document.pages.flatMap((p) => p.boxes.flatMap((b) => (b.kind === 'text' ? [b.text] : [])));
      const words = name.split(' ');
      const broken = boxes.filter(
        (t) => t.endsWith('\u00AD') && words.some((w) => w.startsWith(t.slice(0, -1).trim())),
      );
      expect(broken).toEqual([]);
      // The name is printed, whole words only: its longest word is one box of text somewhere.
      expect(boxes.some((t) => t.includes('Rehabilitationszentrum'))).toBe(true);
    },
  );
});
