import { z } from 'zod';

/** The fixed words templates print, by key; every built-in language has them all. */
export const labelKeys = [
  'page',
  'of',
  'reviewed',
  'questions',
  'contact',
  'phone',
  'email',
  'website',
  'address',
  'book',
  'visit',
  'disclaimer',
  'urgent',
  'notes',
  'note',
  'back',
  'keywords',
  'brochure',
  'edition',
] as const;

export type LabelKey = (typeof labelKeys)[number];
export type Labels = Readonly<Record<LabelKey, string>>;

const descriptions: Record<LabelKey, string> = {
  page: '"Page" in "Page 1 of 2"',
  of: '"of" in "Page 1 of 2"',
  reviewed: 'Before the review date: "Last reviewed"',
  questions: 'Heading of the contact box: "Questions? Call us"',
  contact: 'Heading of the brochure\'s contact panel: "Contact us"',
  phone: 'Label for the phone number',
  email: 'Label for the email address',
  website: 'Label for the website',
  address: 'Label for the address',
  book: 'Under the QR code for booking: "Scan to book a visit"',
  visit: 'Under the QR code for the website: "Scan to visit our website"',
  disclaimer: 'The closing disclaimer',
  urgent: 'Title of a [!WARNING] callout that has none: "When to get help right away"',
  notes: 'Title of the footnotes, printed together at the end of the article: "Notes"',
  note: 'A footnote reference\'s description for screen readers, before its number: "Note" in "Note 1"',
  back: 'A note\'s link back to its reference, for screen readers: "Back to the text" in "Back to the text (Note 1)"',
  keywords: 'PDF keywords: "patient education"',
  brochure: 'PDF keyword of the tri-fold: "brochure"',
  edition: 'Before the release version in the footer of a release: "Edition" in "Edition 2026.12"',
};

const labelText = z.string().trim().min(1, 'must not be empty');

/** One language's labels, any of them; the rest come from the built-in table. */
const languageLabels = z
  .object(Object.fromEntries(labelKeys.map((key) => [key, labelText.optional().describe(descriptions[key])])))
  .strict() as z.ZodType<Partial<Record<LabelKey, string>>>;

/** Labels by language (`fr`, or `pt-PT` for one country's words), as a project or a clinic overrides them. */
export const labelOverridesSchema = z
  .record(
    z.string().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'must be a language such as "fr" or "pt-PT"'),
    languageLabels,
  )
  .describe('Fixed words the templates print, by language: e.g. { en: { book: "Scan to book online" } }');

export type LabelOverrides = Readonly<Record<string, Partial<Record<LabelKey, string>>>>;
