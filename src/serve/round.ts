import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { buildProject } from '../batch/index.js';
import { manifestName, readManifest } from '../batch/manifest.js';
import type { BuildPool } from '../batch/pool.js';
import { checkProject } from '../check/index.js';
import { dedupeProblems, type Problem, problemsOf } from '../errors.js';
import { proofOutputs } from '../proof/index.js';
import type { ProofPool } from '../proof/pool.js';
import { readNames } from './names.js';
import { plannedOutputs } from './plan.js';
import { previewState } from './state.js';
import type { HandoutFiles, PreviewProgress, PreviewState, ServeOptions } from './types.js';

/** What the pages show, and the files behind their addresses. */
export interface Shown {
  readonly state: PreviewState;
  readonly files: Map<string, HandoutFiles>;
}

export interface PreviewPools {
  readonly build: BuildPool;
  readonly proof: ProofPool;
}

export interface RoundContext {
  readonly root: string;
  readonly options: ServeOptions;
  readonly pools: PreviewPools;
  /** The output folder last used (a broken config may keep the build from saying). */
  readonly outDir: string;
  readonly onProgress: (progress: PreviewProgress) => void;
  /** The plan, every handout named and pending, before anything is built. */
  readonly onPlanned: (shown: Shown) => void;
  /** The preview is closing: the round stops after the handouts being built, and shows nothing. */
  readonly signal: AbortSignal;
}

/**
 * One round of the preview: plan, build what changed, draw its pages, check the project (in the round thread;
 * the server numbers the states it shows).
 */
export async function previewRound(context: RoundContext): Promise<{ shown: Shown; outDir: string } | null> {
  const { root, options, onProgress } = context;
  const selection = {
    articles: options.articles ?? [],
    clinics: options.clinics ?? [],
    template: options.template ?? null,
  };
  let outDir = context.outDir;
  try {
    onProgress({ phase: 'planning', done: 0, total: 0 });
    await nextTurn();
    const planned = plannedOutputs(root, selection, options.config);
    const names = readNames(root, planned);
    const empty = { manifest: {}, proofs: [], problems: [], readability: [] };
    context.onPlanned(previewState({ root, planned, outDir, names, pending: true, version: 0, ...empty }));
    await nextTurn();
    let built = 0;
    let toBuild = 0;
    const build = await buildProject({
      root,
      config: options.config,
      out: options.out,
      ...selection,
      pool: context.pools.build,
      onEvent: (event) => {
        if (event.type === 'waiting') return onProgress({ phase: 'waiting', done: 0, total: 0 });
        if (event.type === 'start') toBuild = event.toBuild;
        else if (event.type === 'built' || event.type === 'failed') built++;
        else return;
        onProgress({ phase: 'building', done: built, total: Math.max(toBuild, built) });
      },
    });
    outDir = build.outDir;
    if (context.signal.aborted) return null;
    onProgress({ phase: 'drawing', done: 0, total: 0 });
    const proofs = await proofOutputs({
      outDir,
      ...selection,
      dpi: options.dpi,
      sheets: false,
      pool: context.pools.proof,
      onProgress: (done, total) => onProgress({ phase: 'drawing', done, total }),
    });
    if (context.signal.aborted) return null;
    onProgress({ phase: 'checking', done: 0, total: 0 });
    await nextTurn();
    const check = checkProject({ root, config: options.config, ...selection });
    const problems: Problem[] = [...build.errors, ...build.warnings, ...proofs.errors, ...check.problems];
    const shown = previewState({
      root,
      planned,
      names,
      manifest: readManifest(join(outDir, manifestName)).outputs,
      outDir,
      proofs: proofs.outputs,
      problems: dedupeProblems(problems),
      readability: check.readability,
      version: 0,
    });
    return { shown, outDir };
  } catch (error) {
    // The preview outlives any failure: it is shown as a project problem and the next change tries again.
    const shown = previewState({
      root,
      planned: [],
      names: { titles: new Map(), clinics: new Map() },
      manifest: {},
      outDir,
      proofs: [],
      problems: problemsOf(error, root),
      readability: [],
      version: 0,
    });
    return { shown, outDir };
  }
}
