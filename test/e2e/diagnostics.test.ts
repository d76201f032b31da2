import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, cliJson } from '../helpers/cli.js';
import { makeProject, removeProject, repoRoot } from '../helpers/project.js';

// Four short paragraphs: laid out as a tri-fold (over two panels, the third left to notes), both stay more than half empty in every clinic's copy.
const paragraph =
  'Knee pain is common and often gets better with simple care at home. Rest, gentle movement and ice help.';
const medium = `---\ntitle: Medium\n---\n\n${Array(4).fill(paragraph).join('\n\n')}\n`;
const harbor = readFileSync(join(repoRoot, 'content/clinics/harbor-wellness.yaml'), 'utf8');
const outputs = ['bay', 'cove', 'harbor-wellness', 'pale'].map((clinic) => `${clinic}/medium-trifold.pdf`);

interface JsonDiagnostic {
  code: string;
  severity: string;
  message: string;
  clinic: string | null;
  output: string | null;
  group: number;
  earlier: boolean;
}
interface JsonGroup {
  code: string;
  message: string;
  count: number;
  outputs: string[];
  output: string | null;
}

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) removeProject(root);
});

/**
 * Four clinics × one article as a tri-fold: each copy gets the same two panel-half-empty warnings and fit-size
 * note; the pale clinic's colour is a warning about its clinic file.
 */
function project(config = '', files: Record<string, string> = {}): string {
  const root = makeProject({
    'content/articles/medium.md': medium,
    'content/clinics/bay.yaml': harbor,
    'content/clinics/cove.yaml': harbor,
    'content/clinics/pale.yaml': harbor.replace('#0F766E', '#FFE066'),
    'handout.config.yaml': `builds:\n  - template: trifold\n    articles: [medium]\n    clinics: [harbor-wellness, bay, cove, pale]\n${config}`,
    ...files,
  });
  roots.push(root);
  return root;
}

const count = (text: string, word: string) => text.split(word).length - 1;
const ofCode = <T extends { code: string }>(list: T[], code: string) => list.filter((d) => d.code === code);

describe('diagnostics at scale: the same one about many outputs', () => {
  it('is printed once with its count and the first outputs named; --verbose names them all', async () => {
    const root = project();
    const r = await cli(['build', '--jobs', '1'], root);
    expect(r.code).toBe(0);
    expect(count(r.stderr, 'warning panel-half-empty')).toBe(2);
    expect(r.stderr).toMatch(/warning panel-half-empty: the "inside middle" panel is more than half empty/);
    expect(r.stderr).toContain(`in 4 outputs: ${outputs.slice(0, 3).join(', ')} and 1 more (--verbose names them all)`);
    expect(count(r.stderr, 'note fit-size')).toBe(1);

    const verbose = await cli(['build', '--jobs', '1', '--force', '--verbose'], root);
    expect(count(verbose.stderr, 'warning panel-half-empty')).toBe(2);
    expect(verbose.stderr).toContain(`in 4 outputs: ${outputs.join(', ')}\n`);
    expect(verbose.stderr).not.toContain('more (--verbose');
  });

  it('keeps every entry in --json and adds the groups they belong to', async () => {
    const { json } = await cliJson(['build', '--jobs', '1'], project());
    const diagnostics = json.diagnostics as JsonDiagnostic[];
    const groups = json.diagnosticGroups as JsonGroup[];
    const panels = ofCode(diagnostics, 'panel-half-empty');
    expect(panels).toHaveLength(8);
    expect(new Set(panels.map((d) => d.output))).toEqual(new Set(outputs));
    const panelGroups = ofCode(groups, 'panel-half-empty');
    expect(panelGroups.map((g) => [g.count, g.outputs, g.output])).toEqual([
      [4, outputs, null],
      [4, outputs, null],
    ]);
    // Each entry points at the group that says the same thing.
    for (const d of diagnostics) {
      expect(groups[d.group]).toMatchObject({ code: d.code, message: d.message });
      expect(d.earlier).toBe(false);
    }
    expect(groups.reduce((sum, g) => sum + g.count, 0)).toBe(diagnostics.length);
  });

  it('names the clinic of a clinic-file warning', async () => {
    const { json } = await cliJson(['build', '--jobs', '1'], project());
    expect(ofCode(json.diagnostics as JsonDiagnostic[], 'contrast')).toEqual([
      expect.objectContaining({ severity: 'warning', clinic: 'pale', output: null }),
    ]);
  });
});

describe('--max-warnings (ESLint: exit 1 above N)', () => {
  it('fails a build with more warnings than N, says so, and counts what earlier builds reported', async () => {
    const root = project();
    // Nine warnings: two per output and the pale clinic's colour.
    const atLimit = await cli(['build', '--jobs', '1', '--max-warnings', '9'], root);
    expect(atLimit.code).toBe(0);
    expect(atLimit.stderr).not.toMatch(/too many warnings/);

    const noOp = await cliJson(['build', '--max-warnings', '8'], root);
    expect(noOp.code).toBe(1);
    expect(noOp.json).toMatchObject({ ok: false, exitCode: 1, upToDate: 4, maxWarnings: 8, tooManyWarnings: true });
    const text = await cli(['build', '--max-warnings', '8'], root);
    expect(text.code).toBe(1);
    expect(text.stderr).toMatch(/too many warnings: 9 \(3 distinct\), more than --max-warnings 8 allows\n$/);

    const unlimited = await cliJson(['build', '--max-warnings', '-1'], root);
    expect(unlimited.code).toBe(0);
    expect(unlimited.json).toMatchObject({ maxWarnings: null, tooManyWarnings: false });
  });

  it('fails a check with more warnings than N', async () => {
    const root = project();
    const over = await cli(['check', '--max-warnings', '0'], root);
    expect(over.code).toBe(1);
    expect(over.stderr).toMatch(/too many warnings: \d+ \(\d+ distinct\), more than --max-warnings 0 allows/);
    const within = await cliJson(['check', '--max-warnings', '100'], root);
    expect(within.code).toBe(0);
    expect(within.json).toMatchObject({ ok: true, maxWarnings: 100, tooManyWarnings: false });
  });

  it('takes a whole number or -1; anything else is a usage error', async () => {
    const root = project();
    for (const value of ['many', '-2', '1.5', '3e2']) {
      const r = await cli(['build', '--max-warnings', value], root);
      expect(r.code, value).toBe(2);
      expect(r.stderr).toMatch(/--max-warnings takes a whole number of warnings allowed, or -1 for no limit/);
    }
    const dry = await cli(['build', '--dry-run', '--max-warnings', '0'], root);
    expect(dry.code).toBe(2);
    expect(dry.stderr).toMatch(/--dry-run builds nothing/);
  });
});

describe('a no-op build', () => {
  it('sums up what earlier builds reported instead of printing it again', async () => {
    const root = project();
    expect((await cli(['build', '--jobs', '1'], root)).code).toBe(0);
    const again = await cli(['build'], root);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/0 built, 4 up to date/);
    expect(again.stderr).not.toMatch(/panel-half-empty/);
    expect(again.stderr).toContain(
      '8 warnings from earlier builds of 4 outputs that are up to date (--verbose prints them; --force rebuilds them)',
    );
    // The clinic file is read on every run: its warning is this run's, and printed.
    expect(again.stderr).toMatch(/pale\.yaml:\d+: warning contrast/);

    const verbose = await cli(['build', '--verbose'], root);
    expect(count(verbose.stderr, 'warning panel-half-empty')).toBe(2);
    expect(verbose.stderr).not.toMatch(/from earlier builds/);

    const { json } = await cliJson(['build'], root);
    const diagnostics = json.diagnostics as JsonDiagnostic[];
    expect(ofCode(diagnostics, 'panel-half-empty').map((d) => d.earlier)).toEqual(Array(8).fill(true));
    expect(ofCode(diagnostics, 'contrast').map((d) => d.earlier)).toEqual([false]);
  });
});

describe('silencing codes in the config', () => {
  it('per project, per clinic and per article; the count of what was silenced is said', async () => {
    const root = project(
      [
        'diagnostics:',
        '  ignore: [fit-size]',
        'clinics:',
        '  pale: { diagnostics: { ignore: [contrast] } }',
        '  bay: { diagnostics: { ignore: [panel-half-empty] } }',
      ].join('\n'),
    );
    const { json, code } = await cliJson(['build', '--jobs', '1'], root);
    expect(code).toBe(0);
    const diagnostics = json.diagnostics as JsonDiagnostic[];
    expect(ofCode(diagnostics, 'fit-size')).toEqual([]);
    expect(ofCode(diagnostics, 'contrast')).toEqual([]);
    expect(ofCode(diagnostics, 'panel-half-empty').map((d) => d.output)).not.toContain('bay/medium-trifold.pdf');
    expect(ofCode(diagnostics, 'panel-half-empty')).toHaveLength(6);
    // Four fit-size notes, the pale clinic's colour, bay's two panels.
    expect(json.silenced).toBe(7);
    const text = await cli(['build', '--force', '--jobs', '1'], root);
    expect(text.stderr).toContain('7 warnings and notes silenced by the config (diagnostics.ignore)');

    const perArticle = project('articles:\n  medium: { diagnostics: { ignore: [panel-half-empty, contrast] } }');
    const checked = await cliJson(['check'], perArticle);
    const problems = checked.json.diagnostics as JsonDiagnostic[];
    expect(ofCode(problems, 'panel-half-empty')).toEqual([]);
    // The colour is the clinic file's, not the article's: the article's list leaves it.
    expect(ofCode(problems, 'contrast')).toHaveLength(1);
    expect(checked.json.silenced).toBe(8);
  });

  it('never silences an error', async () => {
    const root = project('diagnostics:\n  ignore: [fit-overflow]');
    const r = await cli(
      ['check', '--article', 'acupuncture-knee-pain', '--clinic', 'harbor-wellness', '--template', 'trifold'],
      root,
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/error fit-overflow: .*the article does not fit the trifold template/);
  });

  it('refuses a code it does not know, at its place, with the code that was probably meant', async () => {
    const root = project('diagnostics:\n  ignore: [fit-size, panel-half-emty]');
    const r = await cli(['build', '--jobs', '1'], root);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /handout\.config\.yaml:6:22: error invalid-field: config: "diagnostics\.ignore\.1" is "panel-half-emty", not a diagnostic code; did you mean "panel-half-empty"\?/,
    );
    expect(r.stdout).not.toMatch(/built out/);
  });
});
