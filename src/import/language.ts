import { francAll } from 'franc-min';
import { languageTag } from '../content/schema.js';

/** The languages franc-min can tell apart, as BCP 47 tags (ISO 639-1 where there is one). */
const tags: Record<string, string> = {
  eng: 'en',
  spa: 'es',
  por: 'pt',
  fra: 'fr',
  deu: 'de',
  ita: 'it',
  nld: 'nl',
  pol: 'pl',
  ron: 'ro',
  hun: 'hu',
  ces: 'cs',
  swe: 'sv',
  tur: 'tr',
  vie: 'vi',
  tgl: 'tl',
  ind: 'id',
  zlm: 'ms',
  jav: 'jv',
  sun: 'su',
  ceb: 'ceb',
  ilo: 'ilo',
  swh: 'sw',
  hau: 'ha',
  yor: 'yo',
  ibo: 'ig',
  zul: 'zu',
  som: 'so',
  amh: 'am',
  kin: 'rw',
  run: 'rn',
  nya: 'ny',
  lin: 'ln',
  plt: 'mg',
  fuv: 'ff',
  bos: 'bs',
  hrv: 'hr',
  srp: 'sr',
  azj: 'az',
  uzn: 'uz',
  kaz: 'kk',
  rus: 'ru',
  ukr: 'uk',
  bel: 'be',
  bul: 'bg',
  ell: 'el',
  arb: 'ar',
  pes: 'fa',
  urd: 'ur',
  pbu: 'ps',
  ckb: 'ckb',
  hin: 'hi',
  mar: 'mr',
  npi: 'ne',
  mai: 'mai',
  bho: 'bho',
  ben: 'bn',
  pan: 'pa',
  guj: 'gu',
  tel: 'te',
  tam: 'ta',
  kan: 'kn',
  mal: 'ml',
  sin: 'si',
  tha: 'th',
  mya: 'my',
  cmn: 'zh',
  jpn: 'ja',
  kor: 'ko',
};

/**
 * The languages clinics hand out most (issue 20): when the text reads almost as well as one of them as the
 * best guess (short Russian reads as Bulgarian), it is that one.
 */
const clinicLanguages = new Set(
  ['eng', 'spa', 'cmn', 'vie', 'kor', 'tgl', 'rus', 'arb', 'pes', 'fra', 'por'].concat([
    'pol',
    'ukr',
    'jpn',
    'deu',
    'ita',
    'nld',
  ]),
);
/** How close (franc's score, the best being 1) another language must come to be preferred as a clinic's. */
const closeScore = 0.9;

/** Common characters written differently in Traditional and Simplified Chinese. */
const traditional = /[這們個時會為說對來後醫療體藥與開關點應該過還讓問題請診經動際專樣當實現長發間]/gu;
const simplified = /[这们个时会为说对来后医疗体药与开关点应该过还让问题请诊经动际专样当实现长发间]/gu;

/**
 * The article's language: the page's own (`<html lang>` or Content-Language) when it gives a valid tag,
 * else detected from the text; short or unknown text says so and falls back to English. A page whose text
 * reads as another language than it declares keeps its declaration, with a warning.
 */
export function pageLanguage(declared: string | undefined, text: string, warnings: string[]): string {
  const detected = detect(text);
  const tag = declared?.trim().replaceAll('_', '-');
  if (tag && languageTag.safeParse(tag).success) {
    if (detected && primary(detected) !== primary(tag))
      warnings.push(
        `the page says its language is "${tag}", but its text reads as ${detected}: kept "${tag}"; pass --lang ${detected} if the text is right`,
      );
    return tag;
  }
  if (tag) warnings.push(`the page's language "${declared}" is not a language tag: the language was detected instead`);
  if (detected) return detected;
  warnings.push('could not tell the language; set "lang" in the front matter (assumed en), or pass --lang');
  return 'en';
}

function detect(text: string): string | undefined {
  // Chinese and Japanese need fewer characters than alphabetic scripts to be told apart.
  const ranked = francAll(text, { minLength: 20, only: Object.keys(tags) });
  const close = ranked.filter(([, score]) => score >= closeScore);
  const [code] = close.find(([candidate]) => clinicLanguages.has(candidate)) ?? ranked[0] ?? ['und'];
  const tag = tags[code];
  if (tag !== 'zh') return tag;
  const hant = text.match(traditional)?.length ?? 0;
  const hans = text.match(simplified)?.length ?? 0;
  return hant > hans ? 'zh-Hant' : hans > hant ? 'zh-Hans' : 'zh';
}

/** "zh" of "zh-Hant-HK": the language without script or region. */
function primary(tag: string): string {
  return (tag.split('-')[0] ?? tag).toLowerCase();
}
