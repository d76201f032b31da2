/** The only kinds of address a handout may link to or encode in a QR code: the web, e-mail and phone. */
export const linkSchemes = ['http', 'https', 'mailto', 'tel'] as const;

/** Why an address cannot be a link (javascript:, file:, data:, a relative path...), or null when it can. */
export function linkProblem(href: string): string | null {
  const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(href)?.[1]?.toLowerCase();
  if (!scheme) return `link "${shorten(href)}" is not a full address (it needs http:, https:, mailto: or tel:)`;
  if (!(linkSchemes as readonly string[]).includes(scheme))
    return `link "${shorten(href)}" uses "${scheme}:", which a handout may not link to (only ${linkSchemes.map((s) => `${s}:`).join(', ')})`;
  return null;
}

export const linkHint = 'Links go to web pages (https://...), e-mail (mailto:...) or phone numbers (tel:...).';

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
