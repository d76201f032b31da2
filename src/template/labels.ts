import type { Problem } from '../errors.js';
import { type LabelKey, type LabelOverrides, type Labels, labelKeys } from '../shared/labels.js';

/**
 * Fixed words templates print, in every language the hyphenator knows. Written for this project: short,
 * plain and polite, as a clinic would say them to a patient. `pt` is Brazilian; `pt-PT` changes what differs.
 */
export const builtInLabels: LabelOverrides = {
  en: {
    page: 'Page',
    of: 'of',
    reviewed: 'Last reviewed',
    questions: 'Questions? Call us',
    contact: 'Contact us',
    phone: 'Phone',
    email: 'Email',
    website: 'Website',
    address: 'Address',
    book: 'Scan to book a visit',
    visit: 'Scan to visit our website',
    disclaimer:
      'This handout is for general information. It does not replace advice from your own doctor or health care provider.',
    urgent: 'When to get help right away',
    notes: 'Notes',
    keywords: 'patient education',
    brochure: 'brochure',
  },
  es: {
    page: 'Página',
    of: 'de',
    reviewed: 'Última revisión',
    questions: '¿Preguntas? Llámenos',
    contact: 'Contáctenos',
    phone: 'Teléfono',
    email: 'Correo',
    website: 'Sitio web',
    address: 'Dirección',
    book: 'Escanee para pedir una cita',
    visit: 'Escanee para visitar nuestro sitio web',
    disclaimer:
      'Esta hoja es información general. No reemplaza los consejos de su propio médico o profesional de la salud.',
    urgent: 'Cuándo pedir ayuda de inmediato',
    notes: 'Notas',
    keywords: 'educación para pacientes',
    brochure: 'folleto',
  },
  fr: {
    page: 'Page',
    of: 'sur',
    reviewed: 'Dernière révision',
    questions: 'Des questions\u00a0? Appelez-nous',
    contact: 'Nous contacter',
    phone: 'Téléphone',
    email: 'Courriel',
    website: 'Site web',
    address: 'Adresse',
    book: 'Scannez pour prendre rendez-vous',
    visit: 'Scannez pour visiter notre site web',
    disclaimer:
      'Cette fiche donne des informations générales. Elle ne remplace pas les conseils de votre médecin ou de votre professionnel de santé.',
    urgent: 'Quand demander de l’aide sans attendre',
    notes: 'Notes',
    keywords: 'information des patients',
    brochure: 'dépliant',
  },
  de: {
    page: 'Seite',
    of: 'von',
    reviewed: 'Zuletzt geprüft',
    questions: 'Fragen? Rufen Sie uns an',
    contact: 'Kontakt',
    phone: 'Telefon',
    email: 'E-Mail',
    website: 'Website',
    address: 'Adresse',
    book: 'Code scannen und Termin buchen',
    visit: 'Code scannen und Website besuchen',
    disclaimer:
      'Dieses Merkblatt dient der allgemeinen Information. Es ersetzt nicht den Rat Ihrer eigenen Ärztin oder Ihres eigenen Arztes.',
    urgent: 'Wann Sie sofort Hilfe holen sollten',
    notes: 'Anmerkungen',
    keywords: 'Patienteninformation',
    brochure: 'Faltblatt',
  },
  it: {
    page: 'Pagina',
    of: 'di',
    reviewed: 'Ultima revisione',
    questions: 'Domande? Ci chiami',
    contact: 'Contatti',
    phone: 'Telefono',
    email: 'E-mail',
    website: 'Sito web',
    address: 'Indirizzo',
    book: 'Inquadri per prenotare una visita',
    visit: 'Inquadri per visitare il nostro sito',
    disclaimer:
      'Questa scheda offre informazioni generali. Non sostituisce i consigli del suo medico o di un altro professionista sanitario.',
    urgent: 'Quando chiedere aiuto subito',
    notes: 'Note',
    keywords: 'informazione per i pazienti',
    brochure: 'pieghevole',
  },
  pt: {
    page: 'Página',
    of: 'de',
    reviewed: 'Última revisão',
    questions: 'Dúvidas? Ligue para nós',
    contact: 'Fale conosco',
    phone: 'Telefone',
    email: 'E-mail',
    website: 'Site',
    address: 'Endereço',
    book: 'Escaneie para agendar uma consulta',
    visit: 'Escaneie para visitar nosso site',
    disclaimer:
      'Este folheto traz informações gerais. Ele não substitui a orientação do seu médico ou profissional de saúde.',
    urgent: 'Quando procurar ajuda imediata',
    notes: 'Notas',
    keywords: 'educação do paciente',
    brochure: 'folheto',
  },
  'pt-pt': {
    questions: 'Dúvidas? Ligue-nos',
    contact: 'Contacte-nos',
    address: 'Morada',
    book: 'Leia o código para marcar uma consulta',
    visit: 'Leia o código para visitar o nosso site',
    disclaimer:
      'Este folheto contém informação geral. Não substitui o aconselhamento do seu médico ou profissional de saúde.',
  },
  nl: {
    page: 'Pagina',
    of: 'van',
    reviewed: 'Laatst herzien',
    questions: 'Vragen? Bel ons',
    contact: 'Contact',
    phone: 'Telefoon',
    email: 'E-mail',
    website: 'Website',
    address: 'Adres',
    book: 'Scan om een afspraak te maken',
    visit: 'Scan om onze website te bezoeken',
    disclaimer:
      'Deze folder geeft algemene informatie. Hij vervangt niet het advies van uw eigen arts of zorgverlener.',
    urgent: 'Wanneer u meteen hulp moet vragen',
    notes: 'Noten',
    keywords: 'patiëntenvoorlichting',
    brochure: 'folder',
  },
};

/** The languages with a full built-in table. */
export const labelLanguages = Object.keys(builtInLabels).filter((lang) => !lang.includes('-'));

export interface ResolvedLabels {
  readonly labels: Labels;
  /** Keys no table gave in the article's language: they are printed in English. */
  readonly missing: readonly LabelKey[];
}

/**
 * Labels for a language: built-in < project < clinic, each by language (`pt`) then by exact tag (`pt-PT`).
 * A key none of them gives falls back to English and is listed as missing.
 */
export function resolveLabels(lang: string, overrides: readonly LabelOverrides[] = []): ResolvedLabels {
  const tag = lang.toLowerCase();
  const base = tag.split('-')[0] ?? tag;
  const tags = base === tag ? [base] : [base, tag];
  const found: Partial<Record<LabelKey, string>> = {};
  for (const table of [builtInLabels, ...overrides]) {
    const byTag = lowerCaseKeys(table);
    for (const t of tags) Object.assign(found, definedOnly(byTag[t]));
  }
  const english = builtInLabels.en as Labels;
  const missing = labelKeys.filter((key) => found[key] === undefined);
  const labels = Object.fromEntries(labelKeys.map((key) => [key, found[key] ?? english[key]])) as Labels;
  return { labels: Object.freeze(labels), missing };
}

/** The labels alone (built-in tables, English for what a language lacks). */
export function labelsFor(lang: string, overrides: readonly LabelOverrides[] = []): Labels {
  return resolveLabels(lang, overrides).labels;
}

function lowerCaseKeys(table: LabelOverrides): LabelOverrides {
  return Object.fromEntries(Object.entries(table).map(([tag, labels]) => [tag.toLowerCase(), labels]));
}

function definedOnly(labels: Partial<Record<LabelKey, string>> | undefined): Partial<Record<LabelKey, string>> {
  return Object.fromEntries(Object.entries(labels ?? {}).filter(([, value]) => value !== undefined));
}

/** An article in a language without (all) labels is a warning naming the keys printed in English instead. */
export function missingLabelsWarning(
  article: { readonly file: string; readonly lang: string; readonly lines: { readonly lang: number | null } },
  overrides: readonly LabelOverrides[],
): Problem | null {
  const { missing } = resolveLabels(article.lang, overrides);
  if (missing.length === 0) return null;
  const lang = article.lang;
  const none = missing.length === labelKeys.length;
  return {
    code: 'labels-missing',
    severity: 'warning',
    message: `${none ? `no labels for language "${lang}"` : `labels missing for language "${lang}"`}: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} printed in English`,
    file: article.file,
    line: article.lines.lang ?? undefined,
    hint: `Give them in handout.config.yaml or the clinic file, e.g. labels: { ${lang}: { ${missing[0]}: "…" } }. Built in: ${labelLanguages.join(', ')}.`,
  };
}
