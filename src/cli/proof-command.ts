import { buildProject } from '../batch/index.js';
import type { Problem } from '../errors.js';
import { proofOutputs } from '../proof/index.js';
import type { CliIo } from './io.js';
import type { ProjectSelection } from './options.js';
import { printDiagnostics, printJson, shownPath } from './report.js';

export interface ProofArgs extends ProjectSelection {
  readonly dpi: number;
  readonly pages: 'first' | 'all';
  readonly sheets: boolean;
  readonly force: boolean;
  readonly jobs: number | undefined;
  readonly json: boolean;
}

/** `handout proof`: build what is out of date, then draw page images and contact sheets of the selection. */
export async function runProof(args: ProofArgs, io: CliIo): Promise<number> {
  const selection = { articles: args.articles, clinics: args.clinics, template: args.template };
  const build = await buildProject({
    root: args.root,
    config: args.config,
    out: args.out,
    ...selection,
    jobs: args.jobs,
  });
  const started = performance.now();
  const report = await proofOutputs({
    outDir: build.outDir,
    ...selection,
    dpi: args.dpi,
    sheets: args.sheets ? args.pages : false,
    force: args.force,
    jobs: args.jobs,
  });
  const seconds = (performance.now() - started) / 1000;
  const problems: Problem[] = [...build.errors, ...build.warnings, ...report.errors];
  const shown = (file: string) => shownPath(file, io);
  const code = build.errors.length > 0 || build.failed > 0 || report.errors.length > 0 ? 1 : 0;
  if (args.json) {
    printJson(io, 'proof', code, problems, {
      proofs: report.outputs.map((o) => ({
        output: o.output,
        article: o.article,
        clinic: o.clinic,
        template: o.template,
        drawn: o.drawn,
        pages: o.pages.map((p) => ({ file: shown(p.file), width: p.width, height: p.height })),
      })),
      sheets: report.sheets.map((s) => ({
        kind: s.kind,
        id: s.id,
        images: s.images.map(shown),
        pdf: shown(s.pdf),
        drawn: s.drawn,
      })),
      drawnPages: report.drawnPages,
    });
  } else {
    printDiagnostics(problems, io);
    const drawn = report.outputs.filter((o) => o.drawn).length;
    const rate = report.drawnPages > 0 ? `, ${(report.drawnPages / seconds).toFixed(1)} pages/s` : '';
    io.stdout(
      `${report.drawnPages} pages of ${drawn} handouts drawn at ${report.dpi} dpi, ${report.outputs.length - drawn} up to date in ${seconds.toFixed(2)} s${rate}\n`,
    );
    const sheetsDrawn = report.sheets.filter((s) => s.drawn);
    if (report.sheets.length > 0)
      io.stdout(
        `${report.sheets.length} contact sheets (${sheetsDrawn.length} drawn) in ${shown(`${report.proofDir}/sheets`)}\n`,
      );
    io.stdout(`proofs in ${shown(report.proofDir)}\n`);
  }
  return code;
}
