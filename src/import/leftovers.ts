/** Text that websites put around an article and that is never a sentence of it: short, fixed phrases. */
const furniturePhrases: readonly RegExp[] = [
  /^(scroll|back) to top\W*$/i,
  /^share( this)?( article| post| page)?( on \w+)?\W*$/i,
  /^(tweet|pin it|email this|print( this page)?)\W*$/i,
  /^(related|recent|popular) (posts|articles|stories)\W*$/i,
  /^(accept|reject|manage)( all)? cookies\W*$/i,
  /^cookie (policy|settings|preferences)\W*$/i,
  /^(leave a (comment|reply)|\d+ comments?)\W*$/i,
  /^(skip to (main )?content|menu|home|blog|news)\W*$/i,
  /^(compartir|volver arriba|ir arriba)\W*$/i,
  /^aceptar( todas( las)?)? cookies\W*$/i,
  /^(partager|retour en haut|haut de page|teilen|nach oben|condividi|torna su|partilhar|voltar ao topo|delen|naar boven)\W*$/i,
];

/** Cookie notices: furniture wherever they are, as long as the block is short. */
const cookieNotices: readonly RegExp[] = [
  /\b(we|this (site|website)) uses? cookies\b/i,
  /\b(usamos|utilizamos) cookies\b/i,
];

/** Phrases that start page furniture ("Read more: …", "Posted on …") but could also start a real sentence. */
const furnitureStarts: readonly RegExp[] = [
  /^read (more|next)\b/i,
  /^(book|schedule|request) (now|online|an appointment|a visit|your visit)\W*$/i,
  /^(previous|next) (post|article)\b/i,
  /^(subscribe|sign up)\b/i,
  /^(tags|categories|filed under|posted (on|in|by))\b/i,
  /^(leer más|seguir leyendo|lire la suite|weiterlesen|leggi (di più|tutto)|ler mais|lees meer)\b/i,
  /^(reservar|pedir|solicitar) (cita|ahora|una cita)\W*$/i,
];

export type Leftover =
  /** Clearly page furniture: dropped and listed. */
  | { readonly kind: 'furniture'; readonly shown: string }
  /** Starts like furniture but reads as a sentence: kept, with a warning. */
  | { readonly kind: 'unsure'; readonly shown: string };

/** Is this block of text page furniture? Never for a block that reads as a sentence of prose: then "unsure". */
export function leftoverOf(text: string): Leftover | null {
  const line = text.trim().replace(/\s+/g, ' ');
  if (line.length === 0 || line.length > 300) return null;
  const shown = `"${line.slice(0, 60)}${line.length > 60 ? '…' : ''}"`;
  if (furniturePhrases.some((pattern) => pattern.test(line))) return { kind: 'furniture', shown };
  if (cookieNotices.some((pattern) => pattern.test(line)) && line.length <= 200) return { kind: 'furniture', shown };
  if (!furnitureStarts.some((pattern) => pattern.test(line))) return null;
  return readsAsProse(line) ? { kind: 'unsure', shown } : { kind: 'furniture', shown };
}

/** A sentence: eight words or more, ending with a full stop, question or exclamation mark. */
export function readsAsProse(text: string): boolean {
  const line = text.trim();
  return line.split(/\s+/).length >= 8 && /[.!?]["”»)]?$/.test(line);
}

export function keptWarning(where: string, leftover: Leftover): string {
  return `kept ${where}${leftover.shown}: it starts like page furniture but reads as a sentence; delete it if it is not part of the article`;
}
