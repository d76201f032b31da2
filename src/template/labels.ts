/** Fixed words templates print, per language; the article's `lang` picks the table. */
const tables: Record<string, Record<string, string>> = {
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
  },
};

export function labelsFor(lang: string): Readonly<Record<string, string>> {
  const base = lang.toLowerCase().split('-')[0] ?? 'en';
  return tables[base] ?? (tables.en as Record<string, string>);
}
