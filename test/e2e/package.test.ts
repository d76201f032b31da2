import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeProject, repoRoot } from '../helpers/project.js';

const run = promisify(execFile);
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));

/** A child's exit code and output, whether it failed or not. */
async function exec(file: string, args: readonly string[], cwd: string, timeout = 60_000) {
  // npm run passes its own settings down as npm_* variables; the consumer's npm must not inherit them.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  try {
    const { stdout, stderr } = await run(file, [...args], { cwd, env: { ...env, CI: 'true' }, timeout });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Every file under a folder. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

/** The packages installed in a node_modules folder, scoped ones by their full name. */
function installed(modules: string): string[] {
  return readdirSync(modules)
    .filter((name) => !name.startsWith('.'))
    .flatMap((name) => (name.startsWith('@') ? readdirSync(join(modules, name)).map((sub) => `${name}/${sub}`) : name));
}

// The package as users get it: packed once (dist/ is fresh, test/setup/compile.ts saw to it), installed with
// npm into an empty project, then type-checked, run and searched there.
describe('the published package', () => {
  const temp = mkdtempSync(join(tmpdir(), 'handout-package-'));
  const consumer = join(temp, 'consumer');
  const installedPackage = join(consumer, 'node_modules', 'handout-press');
  const command = join(consumer, 'node_modules', 'handout-press', 'bin', 'handout.js');
  const handout = (args: readonly string[], cwd = join(consumer, 'clinic')) =>
    exec(process.execPath, [command, ...args], cwd);

  beforeAll(async () => {
    const packed = await exec('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', temp], repoRoot);
    expect(packed.code, packed.stderr).toBe(0);
    const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
    mkdirSync(consumer);
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    const install = await exec(
      'npm',
      ['install', '--no-audit', '--no-fund', '--prefer-offline', join(temp, filename)],
      consumer,
      120_000,
    );
    expect(install.code, install.stderr).toBe(0);
  }, 180_000);
  afterAll(() => removeProject(temp));

  it('installs no PDF renderer, no canvas, and none of the packages whose code its bundle holds', () => {
    const packages = installed(join(consumer, 'node_modules'));
    expect(packages).toContain('handout-press');
    for (const dependency of Object.keys(pkg.dependencies)) expect(packages).toContain(dependency);
    expect(packages).not.toContain('pdfjs-dist');
    expect(packages).not.toContain('@napi-rs/canvas');
    // The bundle's source maps name every file it holds: no installed package may be among them.
    const bundled = new Set<string>();
    for (const map of filesUnder(join(installedPackage, 'dist', 'bundle')).filter((f) => f.endsWith('.map'))) {
      for (const source of (JSON.parse(readFileSync(map, 'utf8')) as { sources: string[] }).sources) {
        const name = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source)?.[1];
        if (name) bundled.add(name);
      }
    }
    expect(bundled).toContain('pdfkit');
    expect(packages.filter((name) => bundled.has(name))).toEqual([]);
    expect(readFileSync(join(installedPackage, 'dist', 'bundle', 'THIRD-PARTY-LICENSES.txt'), 'utf8')).toMatch(
      /^pdfkit \d+\.\d+\.\d+ \(MIT\)$/m,
    );
  });

  it('names no folder of the machine that packed it', () => {
    const folders = [repoRoot.replace(/\/$/, ''), temp];
    const leaks = filesUnder(installedPackage).filter((file) => {
      const text = readFileSync(file, 'latin1');
      return folders.some((folder) => text.includes(folder));
    });
    expect(leaks).toEqual([]);
  });

  it('has types that compile in a strict project with skipLibCheck off and only its runtime dependencies', async () => {
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          skipLibCheck: false,
          noEmit: true,
        },
        files: ['uses.ts'],
      }),
    );
    writeFileSync(
      join(consumer, 'uses.ts'),
      `import * as handout from 'handout-press';
import type { BuildReport, Diagnostic, PreviewServer, ProofReport, DiffReport } from 'handout-press';
const report: Promise<BuildReport> = handout.buildProject({ root: '.' });
const problems: (error: handout.HandoutError) => Diagnostic[] = (error) => error.problems();
export const used = { report, problems, server: null as PreviewServer | null, proof: null as ProofReport | null, diff: null as DiffReport | null };
`,
    );
    const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    const checked = await exec(process.execPath, [tsc, '-p', consumer], consumer);
    expect(checked.stdout + checked.stderr).toBe('');
    expect(checked.code).toBe(0);
  });

  it('builds from the bundle alone, as a command and as a library, to the same bytes', async () => {
    const clinic = join(consumer, 'clinic');
    mkdirSync(clinic);
    expect((await handout(['init'])).code).toBe(0);
    const built = await handout(['build', '--quiet']);
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    const pdf = join(clinic, 'out', 'sample-clinic', 'stretching-at-home.pdf');
    expect(existsSync(pdf)).toBe(true);
    const script = `import { buildHandout } from 'handout-press';
const { pdf } = await buildHandout({ root: 'clinic', article: 'stretching-at-home', clinic: 'sample-clinic', template: 'handout' });
process.stdout.write(Buffer.from(pdf).toString('base64'));`;
    const library = await exec(process.execPath, ['--input-type=module', '-e', script], consumer);
    expect(library.stderr).toBe('');
    expect(Buffer.from(library.stdout, 'base64').equals(readFileSync(pdf))).toBe(true);
  });

  it('says how to install pdf.js and the canvas when proof, diff or serve need them, without a stack trace', async () => {
    const clinic = join(consumer, 'clinic-without-renderer');
    mkdirSync(clinic);
    expect((await handout(['init'], clinic)).code).toBe(0);
    const peers = Object.entries(pkg.peerDependencies as Record<string, string>).map(([n, r]) => `${n}@${r}`);
    const install = `npm install --save-dev ${peers.join(' ')}`;
    for (const args of [['proof'], ['diff', 'out', 'out'], ['serve', '--port', '0']]) {
      const result = await handout(args, clinic);
      expect(result.code, args[0]).toBe(1);
      expect(result.stderr).toContain(
        // The project's package.json (printed relative to the folder the command ran in): the install edits it.
        `../package.json: error renderer-missing: handout ${args[0]} draws pages with pdfjs-dist and @napi-rs/canvas, which are not installed`,
      );
      expect(result.stderr).toContain(install);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    expect(existsSync(join(clinic, 'out'))).toBe(false);
    const script = `import { proofOutputs } from 'handout-press';
try { await proofOutputs({ outDir: 'clinic-without-renderer/out' }); } catch (error) { process.stdout.write(error.code); }`;
    expect((await exec(process.execPath, ['--input-type=module', '-e', script], consumer)).stdout).toBe(
      'renderer-missing',
    );
  });
});
