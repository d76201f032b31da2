// How many lines of diagnostics a batch prints, built and then rebuilt with nothing to do:
//   npm run build && node bench/diagnostics.mjs [OTHER/bin/handout.js]   (another checkout's, to compare)
// A throwaway project of the sample content with 26 clinics (nine with a brand colour too light for text)
// and a tri-fold of two articles besides the handouts: 130 outputs, one warning repeated per clinic.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repo = new URL('..', import.meta.url).pathname;
const bin = process.argv[2] ?? join(repo, 'bin/handout.js');
const root = mkdtempSync(join(tmpdir(), 'handout-diagnostics-'));
try {
  cpSync(join(repo, 'content'), join(root, 'content'), { recursive: true });
  rmSync(join(root, 'content/clinics/ridgeline-integrative.yaml'));
  const harbor = readFileSync(join(root, 'content/clinics/harbor-wellness.yaml'), 'utf8');
  for (let i = 1; i <= 25; i++) {
    const colour = i <= 9 ? harbor.replace('#0F766E', '#FFE066') : harbor;
    writeFileSync(join(root, `content/clinics/clinic-${String(i).padStart(2, '0')}.yaml`), colour);
  }
  const paragraph =
    'Knee pain is common and often gets better with simple care at home. Rest, gentle movement and ice help most people.';
  writeFileSync(
    join(root, 'content/articles/medium.md'),
    `---\ntitle: Medium\n---\n\n${Array(7).fill(paragraph).join('\n\n')}\n`,
  );
  writeFileSync(
    join(root, 'handout.config.yaml'),
    'builds:\n  - template: handout\n  - template: trifold\n    articles: [medium, puncion-seca-cuello]\n',
  );
  const run = (...args) => {
    const r = spawnSync(process.execPath, [bin, 'build', ...args], {
      cwd: root,
      env: { ...process.env, CI: 'true' },
      encoding: 'utf8',
    });
    return r.stderr.split('\n').filter(Boolean).length;
  };
  const full = run();
  const noOp = run();
  const verbose = run('--verbose');
  console.log(JSON.stringify({ fullBuildLines: full, noOpBuildLines: noOp, noOpVerboseLines: verbose }));
} finally {
  rmSync(root, { recursive: true, force: true });
}
