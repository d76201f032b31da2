/** Text that websites put around an article and that does not belong in a handout. */
const leftoverPatterns: readonly RegExp[] = [
  /^(scroll|back) to top\W*$/i,
  /^share( this)?( article| post| page)?( on \w+)?\W*$/i,
  /^(tweet|pin it|email this|print( this page)?)\W*$/i,
  /^read (more|next)\b.{0,60}$/i,
  /^(book|schedule|request) (now|online|an appointment|a visit|your visit)\W*$/i,
  /^(related|recent|popular) (posts|articles|stories)\W*$/i,
  /^(previous|next) (post|article)\b.{0,80}$/i,
  /^(subscribe|sign up)\b.{0,80}$/i,
  /^(tags|categories|filed under|posted (on|in|by))\b.{0,120}$/i,
  /\b(we|this (site|website)) uses? cookies\b/i,
  /^(accept|reject|manage)( all)? cookies\W*$/i,
  /^cookie (policy|settings|preferences)\W*$/i,
  /^(leave a (comment|reply)|\d+ comments?)\W*$/i,
  /^(skip to (main )?content|menu|home)\W*$/i,
  /^(compartir|volver arriba|ir arriba|leer más|seguir leyendo)\b.{0,60}$/i,
  /^(reservar|pedir|solicitar) (cita|ahora|una cita)\W*$/i,
  /\b(usamos|utilizamos) cookies\b/i,
  /^aceptar( todas( las)?)? cookies\W*$/i,
];

/** Why a block of text is a page leftover, or null when it is article content. */
export function leftoverReason(text: string): string | null {
  const line = text.trim();
  if (line.length > 300) return null;
  return leftoverPatterns.some((pattern) => pattern.test(line)) ? `"${line.slice(0, 60)}"` : null;
}

export function isConclusionFiller(text: string): boolean {
  return /^(in conclusion|en conclusión)\b/i.test(text.trim());
}
