import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Reading printed pages back with tools nobody here wrote: poppler's pdftoppm and Tesseract OCR (Debian packages). */

const runs = (command: string, args: string[]) => spawnSync(command, args, { encoding: 'utf8' }).status === 0;

/** The tools the visual check needs that this machine lacks (.ci/run installs them). */
export function missingOcrTools(): string[] {
  const tools: [string, string[]][] = [
    ['pdftoppm', ['-v']],
    ['tesseract', ['--version']],
  ];
  return tools.filter(([command, args]) => !runs(command, args)).map(([command]) => command);
}

export function ocrLanguages(): string[] {
  const listed = spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' });
  return listed.status === 0
    ? listed.stdout
        .split('\n')
        .slice(1)
        .map((line) => line.trim())
    : [];
}

/** Every page of a PDF drawn at `dpi` by pdftoppm and read by Tesseract in `language`: the printed text. */
export function printedText(pdf: string, language = 'eng', dpi = 150): string {
  const dir = mkdtempSync(join(tmpdir(), 'handout-ocr-'));
  try {
    const drawn = spawnSync('pdftoppm', ['-r', String(dpi), '-png', pdf, join(dir, 'page')], { encoding: 'utf8' });
    if (drawn.status !== 0) throw new Error(`pdftoppm failed: ${drawn.stderr}`);
    const pages = readdirSync(dir).sort();
    return pages
      .map((page) => {
        // One thread each: the suite already runs test files side by side.
        const read = spawnSync('tesseract', [join(dir, page), '-', '-l', language], {
          encoding: 'utf8',
          env: { ...process.env, OMP_THREAD_LIMIT: '1' },
        });
        if (read.status !== 0) throw new Error(`tesseract failed: ${read.stderr}`);
        return read.stdout;
      })
      .join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Lower-case words of four letters or more (letters of any script, apostrophes dropped). */
export function longWords(text: string): string[] {
  return (
    text
      .normalize('NFC')
      .toLowerCase()
      .match(/\p{L}{4,}/gu) ?? []
  ).filter((word) => !/\p{Script=Han}/u.test(word));
}

/** How many of the expected words (counted with repeats) the printed text holds. */
export function wordsFound(
  expected: readonly string[],
  printed: string,
): { found: number; total: number; missing: string[] } {
  const left = new Map<string, number>();
  for (const word of longWords(printed)) left.set(word, (left.get(word) ?? 0) + 1);
  const missing: string[] = [];
  for (const word of expected) {
    const count = left.get(word) ?? 0;
    if (count > 0) left.set(word, count - 1);
    else missing.push(word);
  }
  return { found: expected.length - missing.length, total: expected.length, missing };
}

/**
 * A font file of this machine, found by fontconfig (`fc-list`) when it is there, else by a search of
 * /usr/share/fonts; null when the font is not installed.
 */
export function systemFont(fileName: string): string | null {
  const listed = spawnSync('fc-list', ['--format', '%{file}\n'], { encoding: 'utf8' });
  const files = listed.status === 0 ? listed.stdout.split('\n') : filesUnder('/usr/share/fonts');
  return files.find((file) => file.endsWith(`/${fileName}`)) ?? null;
}

function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true })
      .map((entry) => join(dir, String(entry)))
      .filter((path) => statSync(path).isFile());
  } catch {
    return [];
  }
}
