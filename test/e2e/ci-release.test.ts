import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { bin } from '../helpers/cli.js';
import { makeProject, removeProject, repoRoot } from '../helpers/project.js';

/** The release job of the workflow `handout init` writes (the README shows the same one). */
const workflow = parse(readFileSync(join(repoRoot, 'scaffold/github/workflows/handouts.yml'), 'utf8'));
const steps: string[] = workflow.jobs.release.steps
  .map((step: { run?: string }) => step.run)
  .filter((run: string | undefined): run is string => run !== undefined && run !== 'npm ci');

/**
 * GitHub stood in for by folders: each release is a folder of its assets under $GH_STUB_STORE, newest listed first.
 * Only what talks to GitHub is stubbed; every other command of the recipe runs as written.
 */
const ghStub = `#!/bin/sh
set -e
store="$GH_STUB_STORE"
echo "$*" >> "$store/calls"
command="$1 $2"; tag="$3"; shift 3 || true
case "$command" in
  "release list") [ -f "$store/order" ] && tac "$store/order" || true ;;
  "release view") [ -d "$store/$tag" ] ;;
  "release create") mkdir -p "$store/$tag"; echo "$tag" >> "$store/order" ;;
  "release download")
    dir=.; patterns=""
    while [ $# -gt 0 ]; do
      case "$1" in --dir) dir="$2"; shift 2 ;; --pattern) patterns="$patterns $2"; shift 2 ;; *) shift ;; esac
    done
    for pattern in $patterns; do for file in "$store/$tag"/$pattern; do [ -f "$file" ] && cp "$file" "$dir/"; done; done ;;
  "release upload")
    [ -d "$store/$tag" ] || { echo "no release $tag" >&2; exit 1; }
    for file in "$@"; do case "$file" in --*) ;; *) cp "$file" "$store/$tag/" ;; esac; done ;;
  *) echo "gh stub: $command" >&2; exit 1 ;;
esac
`;

/** \`npx handout\` as the project's installed package would run it: this repository's CLI. */
const npxStub = `#!/bin/sh
[ "$1" = handout ] || { echo "npx stub: $1" >&2; exit 1; }
shift
exec "${process.execPath}" "${bin}" "$@"
`;

describe("the CI release recipe (handout init's workflow and the README)", () => {
  it('is the same in the README as in the workflow handout init writes', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    for (const step of steps) for (const line of step.trim().split('\n')) expect(readme).toContain(line.trim());
    expect(readme).toContain("if: github.ref_type == 'tag'");
  });

  it('on a tag: checks, releases against the last published release, and attaches its files', () => {
    const root = makeProject({ 'handout.config.yaml': 'builds:\n  - template: handout\n' }, { samples: 'short' });
    const stubs = join(root, '.stubs');
    const store = join(root, '.github-releases');
    mkdirSync(stubs);
    mkdirSync(store);
    writeFileSync(join(stubs, 'gh'), ghStub);
    writeFileSync(join(stubs, 'npx'), npxStub);
    chmodSync(join(stubs, 'gh'), 0o755);
    chmodSync(join(stubs, 'npx'), 0o755);
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: root,
        env: { ...process.env, GIT_AUTHOR_DATE: '2026-12-01T10:00:00Z', GIT_COMMITTER_DATE: '2026-12-01T10:00:00Z' },
      });
    git('init', '-q');
    git('-c', 'user.name=ci', '-c', 'user.email=ci@example.org', 'commit', '-q', '--allow-empty', '-m', 'content');
    // Each tag runs in a fresh checkout: no out/ and no previous/ from an earlier run.
    const runTag = (tag: string) => {
      rmSync(join(root, 'out'), { recursive: true, force: true });
      rmSync(join(root, 'previous'), { recursive: true, force: true });
      for (const step of steps)
        execFileSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step], {
          cwd: root,
          env: {
            ...process.env,
            PATH: `${stubs}:${process.env.PATH}`,
            TAG: tag,
            GH_TOKEN: 'none',
            CI: 'true',
            GH_STUB_STORE: store,
          },
          stdio: 'pipe',
        });
      return readdirSync(join(store, tag)).sort();
    };

    const assets = ['CHANGES.md', 'SHA256SUMS', 'harbor-wellness.zip', 'release.json', 'ridgeline-integrative.zip'];
    expect(runTag('2026.12')).toEqual(assets);
    const first = JSON.parse(readFileSync(join(store, '2026.12/release.json'), 'utf8'));
    expect(first).toMatchObject({ version: '2026.12', since: null, date: '2026-12-01T10:00:00.000Z' });
    expect(readFileSync(join(store, 'calls'), 'utf8')).toMatch(
      /release create 2026\.12 --verify-tag .*--notes-file out\/release\/2026\.12\/CHANGES\.md/,
    );

    const article = join(root, 'content/articles/acupuncture-knee-pain.md');
    writeFileSync(
      article,
      readFileSync(article, 'utf8').replace('Your knee is a large joint', 'Your knee is a big joint'),
    );
    expect(runTag('2027.01')).toEqual(assets);
    // The baseline came from the stubbed download: release.json and the PDFs of the zips.
    expect(existsSync(join(root, 'previous/harbor-wellness/acupuncture-knee-pain.pdf'))).toBe(true);
    const changes = readFileSync(join(store, '2027.01/CHANGES.md'), 'utf8');
    expect(changes).toMatch(/Since 2026\.12: 0 added, 0 removed, 2 changed, 2 unchanged/);
    expect(changes).toMatch(/- harbor-wellness\/acupuncture-knee-pain\.pdf: page 1\n {2}- “large” → “big”/);
    expect(changes).toMatch(/- ridgeline-integrative\/acupuncture-knee-pain\.pdf: page 1/);
    // What was attached checks out against its own SHA256SUMS.
    const sums = readFileSync(join(store, '2027.01/SHA256SUMS'), 'utf8');
    for (const name of ['CHANGES.md', 'release.json', 'harbor-wellness.zip', 'ridgeline-integrative.zip'])
      expect(sums).toContain(`  ${name}\n`);
    execFileSync('sha256sum', ['-c', '--ignore-missing', 'SHA256SUMS'], { cwd: join(store, '2027.01') });
    removeProject(root);
  }, 180_000);
});
