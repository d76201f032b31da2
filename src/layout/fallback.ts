import { type FaceId, hasGlyph } from '../fonts/index.js';

/** A stretch of text drawn in one face. */
export interface FaceRun {
  readonly text: string;
  readonly face: FaceId;
}

/** A word with the punctuation around it (a run of anything but white space), or a run of white space. */
const runPattern = /\S+|\s+/gu;
/** A base character with the combining marks that follow it: drawn in one face, so marks sit on their letter. */
const clusterPattern = /\P{M}\p{M}*|\p{M}+/gu;
/** Soft hyphens, joiners and other format characters are never drawn as such: they take the face around them. */
const formatPattern = /\p{Cf}/u;

/**
 * Letters of alphabets that Latin fonts often lack in part, by language. Text in such a language is set in
 * the first face that has the whole alphabet when the main face lacks any of it, so a paragraph is not set
 * word by word in two typefaces (Atkinson Hyperlegible has â, ê, ô but not ơ, ư or ệ).
 */
const alphabets: Record<string, () => string> = {
  // Vietnamese: twelve vowels, each bare or with one of five tone marks, and đ.
  vi: () => {
    const tones = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
    const letters = [...'aăâeêioôơuưy'].flatMap((vowel) => tones.map((tone) => `${vowel}${tone}`.normalize('NFC')));
    const lower = `${letters.join('')}đ`;
    return lower + lower.toUpperCase();
  },
};
const writers = new Map<string, FaceId | null>();

/** The face that writes the language's whole alphabet when the main face does not; null when the main face does. */
function writerOf(lang: string, faces: readonly FaceId[]): FaceId | null {
  const alphabet = alphabets[lang.toLowerCase().split('-')[0] ?? ''];
  if (!alphabet) return null;
  const key = `${lang}|${faces.join('|')}`;
  let writer = writers.get(key);
  if (writer === undefined) {
    const letters = [...alphabet()].map((char) => char.codePointAt(0) as number);
    const writes = (face: FaceId) => letters.every((cp) => hasGlyph(face, cp));
    writer = writes(faces[0] as FaceId) ? null : (faces.find(writes) ?? null);
    writers.set(key, writer);
  }
  return writer;
}

/**
 * Text → runs in concrete faces, one face per word: a word is drawn in the first face of the chain that has
 * every character of it, so a Vietnamese word is never set half in one typeface and half in another. Text in a
 * language whose alphabet the main face lacks in part (Vietnamese) is set whole in a face that has it, white
 * space included; other white space goes to the first face that has it. Only a word no face covers whole is split: its clusters go to
 * the face covering most of the word, the rest each to the first face that has it; characters no face has
 * are added to `missing`.
 */
export function faceRuns(text: string, faces: readonly FaceId[], lang: string, missing: Set<string>): FaceRun[] {
  const writer = writerOf(lang, faces);
  const runs: { text: string; face: FaceId }[] = [];
  const push = (part: string, face: FaceId) => {
    const last = runs[runs.length - 1];
    if (last && last.face === face) last.text += part;
    else runs.push({ text: part, face });
  };
  for (const [run] of text.matchAll(runPattern)) {
    const codePoints = drawnCodePoints(run);
    // Only format characters (a lone soft hyphen): they stay with the text before them.
    if (codePoints.length === 0) {
      push(run, runs[runs.length - 1]?.face ?? (faces[0] as FaceId));
      continue;
    }
    const covers = (face: FaceId) => codePoints.every((cp) => hasGlyph(face, cp));
    const whole = writer && covers(writer) ? writer : faces.find(covers);
    if (whole) push(run, whole);
    else splitWord(run, faces, missing, push);
  }
  return runs;
}

function drawnCodePoints(text: string): number[] {
  const codePoints: number[] = [];
  for (const char of text) if (!formatPattern.test(char)) codePoints.push(char.codePointAt(0) as number);
  return codePoints;
}

/** A word no single face has: as much of it as possible in one face, each other cluster in the first face that has it. */
function splitWord(
  word: string,
  faces: readonly FaceId[],
  missing: Set<string>,
  push: (part: string, face: FaceId) => void,
): void {
  const clusters = [...word.matchAll(clusterPattern)].map(([cluster]) => cluster);
  const covers = (face: FaceId, cluster: string) => drawnCodePoints(cluster).every((cp) => hasGlyph(face, cp));
  const counts = faces.map((face) => clusters.filter((cluster) => covers(face, cluster)).length);
  const main = faces[counts.indexOf(Math.max(...counts))] as FaceId;
  let current = main;
  for (const cluster of clusters) {
    if (drawnCodePoints(cluster).length > 0)
      current = covers(main, cluster) ? main : faceForCluster(cluster, faces, missing);
    push(cluster, current);
  }
}

function faceForCluster(cluster: string, faces: readonly FaceId[], missing: Set<string>): FaceId {
  const whole = faces.find((face) => drawnCodePoints(cluster).every((cp) => hasGlyph(face, cp)));
  if (whole) return whole;
  // No face has the whole cluster: the base decides, and whatever no face has at all is reported.
  for (const char of cluster) {
    if (
      !/\s/.test(char) &&
      !formatPattern.test(char) &&
      !faces.some((face) => hasGlyph(face, char.codePointAt(0) as number))
    )
      missing.add(char);
  }
  const base = cluster.codePointAt(0) as number;
  return faces.find((face) => hasGlyph(face, base)) ?? (faces[0] as FaceId);
}
