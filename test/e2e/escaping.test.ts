import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cli, cliJson, handout } from '../helpers/cli.js';
import { makeProject, removeProject, repoRoot, shortSample } from '../helpers/project.js';

// Issue 19: strings from input (YAML keys, file names, option values, imported titles) reach the terminal
// only as visible escapes, wherever the line is printed; the --json report keeps them exactly.

/** What a terminal would act on: control characters other than the tool's own line breaks and tabs, and bidi overrides. */
const raw = /(?![\n\t])[\p{Cc}\u202a-\u202e\u2066-\u2069]/u;
const harbor = readFileSync(join(repoRoot, 'content/clinics/harbor-wellness.yaml'), 'utf8');
const knee = shortSample('acupuncture-knee-pain');
const retitle = '\x1b]0;PWNED\x07';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) removeProject(root);
});
const project = (files: Record<string, string> = {}) => {
  const root = makeProject(files, { samples: 'short' });
  roots.push(root);
  return root;
};
/** The clinic file with `line` inserted after its name (line 2), so as its line 3. */
const harborWith = (line: string) => harbor.replace(/^(name: .*\n)/m, `$1${line}\n`);
const printed = (r: { stdout: string; stderr: string }) => r.stdout + r.stderr;

describe('terminal injection: what came from input is escaped in every line printed', () => {
  it('an unknown YAML key that would retitle the terminal is shown as \\033…\\a, at its line; --json keeps it exact', async () => {
    const root = project({ 'content/clinics/harbor-wellness.yaml': harborWith('"\\e]0;PWNED\\a": 1') });
    const r = await cli(['check'], root);
    expect(printed(r)).not.toMatch(raw);
    expect(printed(r)).toContain(
      `${join('content', 'clinics', 'harbor-wellness.yaml')}:3:1: error invalid-field: clinic: unknown field "\\033]0;PWNED\\a"`,
    );
    const j = await cliJson(['check'], root);
    expect(j.stdout).not.toMatch(raw);
    expect(j.json.diagnostics.map((d: { message: string }) => d.message)).toContain(
      `clinic: unknown field "${retitle}"`,
    );
  });

  it('names in Chinese, Arabic or with accents are shown as written', async () => {
    const root = project({ 'content/clinics/harbor-wellness.yaml': harborWith('标题 عنوان café: 1') });
    const r = await cli(['check'], root);
    expect(printed(r)).toContain('unknown field "标题 عنوان café"');
  });

  it('an --article value is echoed escaped: ESC, a direction override and a newline', async () => {
    const root = project();
    const r = await cli(['build', '--article', `knee${retitle}\u202eevil\nfake line`], root);
    expect(r.code).not.toBe(0);
    expect(printed(r)).not.toMatch(raw);
    expect(r.stderr).toContain('no article with id "knee\\033]0;PWNED\\a\\u202eevil\\nfake line"');
  });

  it("yargs' own messages are escaped too: an unknown option, a value it refuses", async () => {
    const root = project();
    const unknown = await cli(['build', `--bogus${retitle}`], root);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown argument: --bogus\\033]0;PWNED\\a');
    const refused = await cli(['build', '--jobs', `2${retitle}`], root);
    expect(refused.code).toBe(2);
    expect(printed(refused)).not.toMatch(raw);
    const asJson = await cliJson(['build', `--bogus${retitle}`], root);
    expect(asJson.stdout).not.toMatch(raw);
    expect(asJson.json.diagnostics[0].message).toBe(`unknown argument: --bogus${retitle}`);
  });

  it('an article file name with ESC and U+202E is refused in a line that shows both as escapes', async () => {
    const root = project({ [`content/articles/x${retitle}\u202egnp.md`]: knee });
    const r = await cli(['build', '--clinic', 'harbor-wellness'], root);
    expect(printed(r)).not.toMatch(raw);
    expect(r.stderr).toMatch(/error file-name: the file name "x\\u001b\]0;PWNED\\u0007\\u202egnp"/);
  });

  it('an imported title holding &#27; is reported escaped', async () => {
    const root = project({
      'page.html': `<html lang="en"><head><title>t</title></head><body><article><h1>Knee &#27;]0;PWNED&#7; pain &#x202e;x</h1><p>Knee pain is common and often gets better with care.</p><h2>More</h2><p>More text about knees.</p></article></body></html>`,
    });
    const r = await cli(['import', 'page.html', '--dry-run'], root);
    expect(r.stderr).not.toMatch(raw);
    expect(r.stderr).toContain('page.html: "Knee \\033]0;PWNED\\a pain');
  });
});

describe('a control character written as a YAML escape is placed at its field', () => {
  it('in an article title and a clinic name: at their line and column, not at the built-in layout', async () => {
    const root = project({
      'content/articles/acupuncture-knee-pain.md': knee.replace(/^title: .*$/m, 'title: "Knee\\x07 pain"'),
      'content/clinics/harbor-wellness.yaml': harbor.replace(/^name: .*$/m, 'name: "Harbor\\e[2J Wellness"'),
    });
    const { json } = await cliJson(['check'], root);
    const placed = json.diagnostics
      .filter((d: { severity: string }) => d.severity === 'error')
      .map((d: { code: string; file: string; line: number; column: number; message: string }) => [
        d.code,
        d.file,
        d.line,
        d.column,
        d.message,
      ]);
    expect(placed).toEqual([
      [
        'invalid-field',
        join('content', 'articles', 'acupuncture-knee-pain.md'),
        2,
        8,
        'front matter: "title" holds a control character (\\a), which no text may carry',
      ],
      [
        'invalid-field',
        join('content', 'clinics', 'harbor-wellness.yaml'),
        2,
        7,
        'clinic: "name" holds a control character (\\033), which no text may carry',
      ],
    ]);
  });
});

describe('a list or map as a YAML key', () => {
  const warnings: unknown[] = [];
  const record = (warning: unknown) => warnings.push(warning);
  beforeEach(() => {
    warnings.length = 0;
    vi.spyOn(process, 'emitWarning').mockImplementation(record);
  });
  afterEach(() => vi.restoreAllMocks());

  it('is an error at its own line and column, with no Node warning', async () => {
    const root = project({
      'content/articles/acupuncture-knee-pain.md': knee.replace(/^(title: .*\n)/m, '$1? [a, b]\n: x\n'),
      'content/clinics/harbor-wellness.yaml': harborWith('? { a: 1 }\n: x'),
    });
    const r = await cli(['check'], root);
    expect(r.stdout).toContain(
      `${join('content', 'articles', 'acupuncture-knee-pain.md')}:3:3: error invalid-field: front matter: a key that is a list; field names are plain words`,
    );
    expect(r.stdout).toContain(
      `${join('content', 'clinics', 'harbor-wellness.yaml')}:3:3: error invalid-field: clinic: a key that is a map; field names are plain words`,
    );
    expect(r.stdout).not.toMatch(/unknown field "\[/);
    expect(warnings).toEqual([]);
  });
});

describe('in a real process', () => {
  it('a hostile file name, YAML key, list key and {{log}} write no raw control or bidi character to stdout or stderr', async () => {
    const layout = readFileSync(join(repoRoot, 'templates/handout/layout.hbs'), 'utf8');
    const root = project({
      [`content/articles/evil${retitle}\u202egnp.md`]: knee,
      'content/clinics/harbor-wellness.yaml': harborWith('"\\e]0;PWNED\\a": 1\n? [a, b]\n: x'),
      'content/clinics/ridgeline-integrative.yaml': readFileSync(
        join(repoRoot, 'content/clinics/ridgeline-integrative.yaml'),
        'utf8',
      ).replace(/^name: .*$/m, 'name: "Ridge\\u202eline"'),
      'templates/custom/layout.hbs': `{{log clinic.name}}${layout}`,
      'templates/custom/styles.hbs': readFileSync(join(repoRoot, 'templates/handout/styles.hbs'), 'utf8'),
      'handout.config.yaml': 'builds:\n  - template: custom\n    articles: [puncion-seca-cuello]\n',
    });
    const runs: { stderr: string }[] = [];
    for (const args of [['build'], ['check']]) {
      const r = await handout(args, root);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stdout, r.stdout).not.toMatch(raw);
      expect(r.stderr, r.stderr).not.toMatch(raw);
      expect(r.stderr).not.toMatch(/Warning|trace-warnings/);
      runs.push(r);
    }
    const r = runs[0] as { stderr: string };
    expect(r.stderr).toContain('template log: Ridge\\u202eline');
    expect(r.stderr).toContain('unknown field "\\033]0;PWNED\\a"');
    expect(r.stderr).toContain('file name "evil\\u001b]0;PWNED\\u0007\\u202egnp"');
  });
});
