import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { buildProject } from '../batch/index.js';
import { manifestName, readManifest } from '../batch/manifest.js';
import type { BuildPool } from '../batch/pool.js';
import { checkProject } from '../check/index.js';
import { dedupeProblems, type Problem, problemsOf } from '../errors.js';
import { proofOutputs } from '../proof/index.js';
import type { ProofPool } from '../proof/pool.js';
import type { ProofOutput } from '../proof/types.js';
import { readNames } from './names.js';
import { plannedOutputs } from './plan.js';
import { previewState } from './state.js';
import type { HandoutFiles, PreviewProgress, PreviewState, ServeOptions } from './types.js';

/** Pages drawn so far are shown at most this often during the first round. */
const partialEveryMs = 1000;

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
  /**
   * Given, it is told what to show before the round ends: the plan, every handout named and pending, then the
   * pages as they are drawn (the first round: nothing is shown yet, and a large project takes minutes).
   */
  readonly onPartial?: ((shown: Shown) => void) | undefined;
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
    context.onPartial?.(previewState({ root, planned, outDir, names, pending: true, version: 0, ...empty }));
    await nextTurn();
    let done = 0;
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
        else if (event.type === 'built' || event.type === 'failed') done++;
        else return;
        onProgress({ phase: 'building', done, total: Math.max(toBuild, done) });
      },
    });
    outDir = build.outDir;
    if (context.signal.aborted) return null;
    onProgress({ phase: 'drawing', done: 0, total: 0 });
    const manifest = readManifest(join(outDir, manifestName)).outputs;
    const built: Problem[] = [...build.errors, ...build.warnings];
    const drawn: ProofOutput[] = [];
    let shownAt = 0;
    const showDrawn = (pending: boolean) => {
      shownAt = Date.now();
      const state = { root, planned, names, manifest, outDir, proofs: drawn, problems: built, readability: [] };
      context.onPartial?.(previewState({ ...state, pending, version: 0 }));
    };
    const proofs = await proofOutputs({
      outDir,
      ...selection,
      dpi: options.dpi,
      sheets: false,
      pool: context.pools.proof,
      onProgress: (done, total) => onProgress({ phase: 'drawing', done, total }),
      onOutput: (output) => {
        drawn.push(output);
        if (context.onPartial && Date.now() - shownAt >= partialEveryMs) showDrawn(true);
      },
    });
    if (context.signal.aborted) return null;
    // Every page there is shown before the check, which takes a while on a large project.
    if (context.onPartial) showDrawn(false);
    onProgress({ phase: 'checking', done: 0, total: 0 });
    await nextTurn();
    const check = await checkProject({ root, config: options.config, ...selection });
    const problems: Problem[] = [...built, ...proofs.errors, ...check.problems];
    const shown = previewState({
      root,
      planned,
      names,
      manifest,
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
