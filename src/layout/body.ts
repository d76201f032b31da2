import { type Diagnostic, HandoutError } from '../errors.js';
import type { BlockSpec, ClosingSpec, LayoutSpec } from '../spec/types.js';
import { layoutDiagnostic, placeOfArticle, placeOfDocument } from './diagnostics.js';
import type { Frame, FrameSet } from './frames.js';
import { maxHole, PageLimitError, paginate } from './paginate.js';
import { adjustBlocks, bodySize, minimumTextSize, type TypeAdjustment, unchanged } from './scale.js';
import { keptSoft, type Slice, slice, stackSlices } from './slices.js';
import type { StructNode } from './types.js';

/** Some of the body's slices in one area of a page. */
export interface Placed {
  readonly frame: Frame;
  readonly slices: readonly Slice[];
}

/** Lays blocks out at a width, with the structure nodes of that layout (under a holder of their own). */
export type FlowBody = (
  blocks: readonly BlockSpec[],
  width: number,
) => {
  slices: Slice[];
  structure: readonly StructNode[];
  /** Problems with a place found while laying it out (a table too wide). */
  problems: readonly Diagnostic[];
};

/** The body placed, and the structure of the layout chosen. */
export interface BodyPlacement {
  readonly placed: readonly Placed[];
  readonly structure: readonly StructNode[];
  readonly problems: readonly Diagnostic[];
}

export interface BodyInput {
  readonly spec: LayoutSpec;
  readonly frames: FrameSet;
  readonly flow: FlowBody;
  readonly maxFrames: number;
  /** Full width of a multi-column page's body, for a closing that spans the columns. */
  readonly pageBodyWidth: number;
  readonly notes: Diagnostic[];
}

interface Attempt {
  readonly placed: Placed[];
  readonly structure: readonly StructNode[];
  readonly problems: readonly Diagnostic[];
  /** Frames used, past a fixed layout's last panel too (those did not fit). */
  readonly used: number;
  /** What did not fit a fixed layout, frame by frame. */
  readonly overflow: readonly Slice[][];
  readonly adjustment: TypeAdjustment;
  readonly variant: number;
  readonly closingLeftOut: boolean;
}

/** Room between the article and a closing set at the foot of its last frame. */
const footGap = 12;

/**
 * Place the body: the article, then the closing block, in the frames. The template's fit mode decides how
 * the type may change (see FitSpec); a closing with a more compact variant uses it when that saves a page.
 */
export function placeBody(input: BodyInput): BodyPlacement {
  const { spec, frames } = input;
  const closing = closingOf(spec.body);
  const article = closing ? spec.body.slice(0, -1) : spec.body;
  const variants = closing ? closing.variants.map((_, index) => index) : [-1];
  // The article is laid out once for each type adjustment tried, the closing once for each of its forms.
  const articles = new Map<string, ReturnType<FlowBody>>();
  const closings = new Map<number, ReturnType<FlowBody>>();
  const notesTitles = new Map<string, ReturnType<FlowBody>>();
  const flows: Flows = {
    article: (adjustment) => {
      const key = `${adjustment.factor}|${adjustment.leading}|${adjustment.hyphenate}`;
      let flowed = articles.get(key);
      if (!flowed) {
        flowed = input.flow(adjustBlocks(article, adjustment), frames.width);
        articles.set(key, flowed);
      }
      return flowed;
    },
    notesTitle: (adjustment) => {
      // Set like the article's headings: at the size the fit chose for them.
      const key = `${adjustment.factor}|${adjustment.leading}`;
      let flowed = notesTitles.get(key);
      if (!flowed) {
        flowed = input.flow(adjustBlocks(closing?.notesArea?.title ?? [], adjustment), frames.width);
        notesTitles.set(key, flowed);
      }
      return flowed;
    },
    closing: (variant, width) => {
      let flowed = closings.get(variant);
      if (!flowed) {
        flowed = input.flow(closing?.variants[variant] ?? [], width);
        closings.set(variant, flowed);
      }
      return flowed;
    },
  };
  // Each adjustment and closing form is placed once: the fit rules ask again for ones already tried.
  const attempts = new Map<string, Attempt>();
  const attempt = (adjustment: TypeAdjustment, variant: number) => {
    const key = `${adjustment.factor}|${adjustment.leading}|${adjustment.hyphenate}|${variant}`;
    let placed = attempts.get(key);
    if (!placed) {
      placed = place(input, flows, closing, variant, adjustment);
      attempts.set(key, placed);
    }
    return placed;
  };
  const fits = (a: Attempt) => frames.limit === null || a.used <= frames.limit;
  // A table too wide for its column is cured by smaller type too, where the template lets the type shrink.
  const tooWide = (a: Attempt) => a.problems.some((p) => p.code === 'table-too-wide');

  // The closing's first variant, unless a later one saves a page (or is the first that fits).
  let chosen = attempt(unchanged, variants[0] as number);
  for (const variant of variants.slice(1)) {
    const other = attempt(unchanged, variant);
    if ((!fits(chosen) && fits(other)) || pagesOf(other, frames) < pagesOf(chosen, frames)) chosen = other;
  }
  const base = bodySize(article);
  const { fit } = spec;
  if (frames.limit !== null && base !== null) {
    if (!fits(chosen) || tooWide(chosen))
      chosen = shrinkToFit(chosen, base, attempt, (a) => fits(a) && !tooWide(a), input);
    else if (fit.mode === 'fill')
      chosen = growToFill(chosen, base, fit.maxSize ?? base, attempt, (a) => fits(a) && !tooWide(a));
    if (chosen.adjustment.factor !== 1)
      input.notes.push(
        layoutDiagnostic(
          'note',
          'fit-size',
          `fit: ${fit.mode} set the body text to ${round(base * chosen.adjustment.factor)} pt (from ${base} pt)${chosen.adjustment.leading !== 1 ? ` and its line spacing to ${Math.round(chosen.adjustment.leading * 100)}%` : ''} so the article ${fit.mode === 'fill' && chosen.adjustment.factor > 1 ? 'fills its panels' : 'fits'}`,
          placeOfArticle(spec),
        ),
      );
  } else if (fit.mode === 'pages' && base !== null) {
    // Without a page count, the template asks not to leave a last page nearly empty when small steps avoid it.
    const target = fit.pages ?? (lastPageShare(chosen.placed, frames) < 0.5 ? pagesOf(chosen, frames) - 1 : null);
    if (target !== null && target >= 1 && pagesOf(chosen, frames) > target) {
      chosen = landOnPages(chosen, base, target, attempt, variants, input, fit.pages === null);
    }
  }
  if (chosen.closingLeftOut)
    input.notes.push(
      layoutDiagnostic(
        'note',
        'closing-left-out',
        'the closing block was left out: the article needs its room',
        placeOfArticle(spec),
      ),
    );
  if (!fits(chosen)) throw overflowError(spec, frames, chosen);
  return { placed: chosen.placed, structure: chosen.structure, problems: chosen.problems };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function closingOf(blocks: readonly BlockSpec[]): ClosingSpec | null {
  const last = blocks[blocks.length - 1];
  return last?.kind === 'closing' ? last : null;
}

/** How much of its body the last page's content takes (the tallest of its columns), 0–1. */
export function lastPageShare(placed: readonly Placed[], frames: FrameSet): number {
  const last = placed[placed.length - 1]?.frame.page ?? 0;
  const frame = frames.frame(last * Math.max(1, frames.framesPerPage));
  const onLast = placed.filter((p) => p.frame.page === last);
  const used = Math.max(0, ...onLast.map((p) => p.frame.top + stackSlices(p.slices, 0).bottom - frame.top));
  return used / (frame.bottom - frame.top);
}

/** The room left at the foot of the last frame of the page before the last. */
function roomBeforeLastPage(placed: readonly Placed[]): number {
  const last = placed[placed.length - 1]?.frame.page ?? 0;
  const before = placed.filter((p) => p.frame.page === last - 1).at(-1);
  return before ? Math.max(0, before.frame.bottom - (before.frame.top + stackSlices(before.slices, 0).bottom)) : 0;
}

function pagesOf(attempt: Attempt, frames: FrameSet): number {
  return frames.limit !== null ? attempt.used : (attempt.placed[attempt.placed.length - 1]?.frame.page ?? 0) + 1;
}

/** Smaller text half a point at a time, down to the template's floor. */
function shrinkToFit(
  overflowing: Attempt,
  base: number,
  attempt: (a: TypeAdjustment, variant: number) => Attempt,
  fits: (a: Attempt) => boolean,
  input: BodyInput,
): Attempt {
  const { fit } = input.spec;
  if (fit.mode !== 'shrink' && fit.mode !== 'fill') return overflowing;
  let last = overflowing;
  for (let size = base - 0.5; size >= Math.max(fit.minSize, minimumTextSize) - 0.001; size -= 0.5) {
    last = attempt({ ...unchanged, factor: size / base }, overflowing.variant);
    if (fits(last)) return last;
  }
  return last;
}

/** Panels left empty: larger text (up to the template's `fit-max`) and no hyphenation, as long as it fits. */
function growToFill(
  fitting: Attempt,
  base: number,
  maxSize: number,
  attempt: (a: TypeAdjustment, variant: number) => Attempt,
  fitsAtAll: (a: Attempt) => boolean,
): Attempt {
  // Growing never pushes out the closing (the questions block) that had room at the template's size.
  const fits = (a: Attempt) => fitsAtAll(a) && (fitting.closingLeftOut || !a.closingLeftOut);
  for (let size = Math.max(base, maxSize); size >= base - 0.001; size -= 0.5) {
    for (const hyphenate of [false, true]) {
      if (size === base && hyphenate) return fitting;
      const grown = attempt({ factor: size / base, leading: 1, hyphenate }, fitting.variant);
      if (!fits(grown)) continue;
      if (size < maxSize) return grown;
      // At the largest size the template allows, looser lines fill what is left (and read more easily).
      for (const leading of [1.35, 1.3, 1.25, 1.2, 1.15, 1.1, 1.05]) {
        const looser = attempt({ factor: size / base, leading, hyphenate }, fitting.variant);
        if (fits(looser)) return looser;
      }
      return grown;
    }
  }
  return fitting;
}

/** `fit="pages"`: the compact closing, then smaller steps of size and line spacing, to land on the pages asked. */
function landOnPages(
  chosen: Attempt,
  base: number,
  pages: number,
  attempt: (a: TypeAdjustment, variant: number) => Attempt,
  variants: readonly number[],
  input: BodyInput,
  automatic: boolean,
): Attempt {
  const { frames, spec } = input;
  const compact = variants[variants.length - 1] as number;
  const tries: TypeAdjustment[] = [];
  // Asked for no page count, only steps a reader would not notice: at most a point smaller, 8% tighter.
  const floor = Math.max(spec.fit.minSize, minimumTextSize, automatic ? base - 1 : 0);
  if (automatic) {
    // The compact closing alone may be enough (a last page that holds only the closing, say).
    const compactOnly = attempt({ factor: 1, leading: 1, hyphenate: true }, compact);
    if (pagesOf(compactOnly, frames) <= pages) return compactOnly;
    // Not worth trying type steps when even the smallest could not take back what the last page holds.
    // Measured with the compact closing, which every try below uses: what the last page holds, less the
    // room left on the page before it, must be within what the smallest step takes back.
    const frame = frames.frame(0);
    const height = frame.bottom - frame.top;
    const share = lastPageShare(compactOnly.placed, frames);
    const total = (pagesOf(compactOnly, frames) - 1 + share) * height;
    const gain = total * (1 - (floor / base) * 0.92);
    if (share * height - roomBeforeLastPage(compactOnly.placed) > gain) return chosen;
  }
  for (let size = base; size >= floor - 0.001; size -= 0.5) {
    for (const leading of automatic ? [1, 0.96, 0.92] : [1, 0.95, 0.9])
      tries.push({ factor: size / base, leading, hyphenate: true });
  }
  for (const adjustment of tries) {
    const tried = attempt(adjustment, compact);
    if (pagesOf(tried, frames) <= pages) {
      if (adjustment.factor !== 1 || adjustment.leading !== 1)
        input.notes.push(
          layoutDiagnostic(
            'note',
            'fit-size',
            `fit: pages ${adjustment.factor === 1 ? `kept the body text at ${base} pt and set` : `set the body text to ${round(base * adjustment.factor)} pt and`} its line spacing to ${Math.round(adjustment.leading * 100)}% so the handout has ${pages} page${pages === 1 ? '' : 's'}`,
            placeOfArticle(input.spec),
          ),
        );
      return tried;
    }
  }
  if (!automatic)
    input.notes.push(
      layoutDiagnostic(
        'warning',
        'fit-pages',
        `fit: the handout needs ${pagesOf(chosen, frames)} pages even at the smallest type the template allows; ${pages} asked`,
        placeOfArticle(input.spec),
        'Shorten the article, or ask the template for more pages (fit-pages).',
      ),
    );
  return chosen;
}

interface Flows {
  article(adjustment: TypeAdjustment): ReturnType<FlowBody>;
  closing(variant: number, width: number): ReturnType<FlowBody>;
  notesTitle(adjustment: TypeAdjustment): ReturnType<FlowBody>;
}

/** Below this share of each panel, a balanced short article leaves its last panel to the reader's notes. */
const notesBelow = 0.6;

/**
 * A short article in a brochure: balanced over all panels but the last, which becomes the notes area
 * (its title, then writing lines down to the closing), when the article still fits the other panels
 * and the area holds its minimum of lines. Null when the article is long enough to fill the panels.
 */
function withNotesArea(
  input: BodyInput,
  flows: Flows,
  article: readonly Slice[],
  placed: readonly Placed[],
  areaFor: (k: number) => Frame,
  adjustment: TypeAdjustment,
): { placed: Placed[]; structure: readonly StructNode[] } | null {
  const area = closingOf(input.spec.body)?.notesArea;
  const count = (input.frames.limit ?? 0) - 1;
  if (!area || count < 1 || article.length === 0) return null;
  const full = areaFor(0).bottom - areaFor(0).top;
  const tallest = Math.max(0, ...placed.map((p) => stackSlices(p.slices, 0).bottom));
  if (tallest >= full * notesBelow) return null;
  const split = splitInto(article, count, areaFor, maxHole);
  if (!split) return null;
  const first = split.map((slices, k) => ({ frame: areaFor(k), slices }));
  const spread = balancedAtSentences(first, article, count, areaFor);
  const last = areaFor(count);
  const title = flows.notesTitle(adjustment);
  const titleHeight = stackSlices(title.slices, 0).bottom;
  const lines = Math.floor((last.bottom - last.top - titleHeight) / area.spacing);
  if (lines < area.minLines) return null;
  const rule = (i: number): Slice =>
    slice(
      area.spacing,
      [
        {
          kind: 'rect',
          x: 0,
          y: area.spacing - 0.75,
          width: last.width,
          height: 0.75,
          fill: area.color,
          stroke: null,
          lineWidth: 0,
          radius: 0,
          node: null,
        },
      ],
      { keepWithNext: i < lines - 1 },
    );
  const ruled = Array.from({ length: lines }, (_, i) => rule(i));
  return {
    placed: [...spread, { frame: last, slices: [...title.slices, ...ruled] }],
    structure: title.structure,
  };
}

/** One way of placing the body: its type adjusted, with one of the closing's variants. */
function place(
  input: BodyInput,
  flows: Flows,
  closing: ClosingSpec | null,
  variant: number,
  adjustment: TypeAdjustment,
): Attempt {
  const { spec, frames } = input;
  const span = closing?.span === 'all' && spec.columns.count > 1;
  const article = flows.article(adjustment);
  const closed = closing ? flows.closing(variant, span ? input.pageBodyWidth : frames.width) : null;
  const flowed = { article: article.slices, closing: closed?.slices ?? null };
  const closingSlices = flowed.closing ? keptTogether(flowed.closing) : null;
  const structure = [...article.structure, ...(closed?.structure ?? [])];
  const problems = [...article.problems, ...(closed?.problems ?? [])];
  const result = { adjustment, variant, closingLeftOut: false, structure, problems };

  if (closing && closingSlices && closing.placement === 'flow' && !span) {
    // The article's last line goes with the closing: a page never holds the closing block alone. Not when
    // the article ends in a box kept whole (the urgent-care warning): tied to the closing, it would leave its
    // article for the next page and a hole behind it; the compact closing then takes back the room it can.
    const lastInBox = (flowed.article.at(-1)?.groups.length ?? 0) > 0;
    const article = flowed.article.map((s, i) => (i === flowed.article.length - 1 && !lastInBox ? keptSoft(s) : s));
    const framed = paginateOrStop(input, [...article, ...closingSlices], frames.frame);
    return { ...result, ...finish(input, framed) };
  }
  if (closing && closingSlices && closing.placement === 'foot' && frames.limit !== null) {
    // The closing sits at the foot of the last panel; the article gets the rest of that panel.
    const height = stackSlices(closingSlices, 0).bottom;
    const lastIndex = frames.limit - 1;
    const reserved = (k: number) => {
      const frame = frames.frame(k);
      return k === lastIndex ? { ...frame, bottom: frame.bottom - height - footGap } : frame;
    };
    const framed = paginateOrStop(input, flowed.article, reserved);
    if (framed.length <= frames.limit) {
      const finished = finish(input, framed, reserved);
      const last = frames.frame(lastIndex);
      const foot: Placed = { frame: { ...last, top: last.bottom - height }, slices: closingSlices };
      const notes = closing.notesArea
        ? withNotesArea(input, flows, flowed.article, finished.placed, reserved, adjustment)
        : null;
      if (notes)
        return {
          ...result,
          ...finished,
          placed: [...notes.placed, foot],
          structure: [...article.structure, ...notes.structure, ...(closed?.structure ?? [])],
        };
      return { ...result, ...finished, placed: [...finished.placed, foot] };
    }
    if (closing.optional) {
      const without = paginateOrStop(input, flowed.article, frames.frame);
      return { ...result, ...finish(input, without), closingLeftOut: true, structure: article.structure };
    }
    return { ...result, ...finish(input, framed, reserved) };
  }
  const framed = paginateOrStop(input, flowed.article, frames.frame);
  const finished = finish(input, framed);
  if (!closingSlices) return { ...result, ...finished };
  return { ...result, ...finished, placed: placeAfter(input, finished.placed, closingSlices, span) };
}

function keptTogether(slices: readonly Slice[]): Slice[] {
  return slices.map((s, i) => (i < slices.length - 1 ? { ...s, keepWithNext: true } : s));
}

function paginateOrStop(input: BodyInput, slices: readonly Slice[], areaFor: (k: number) => Frame): Slice[][] {
  try {
    return paginate(slices, areaFor, input.maxFrames);
  } catch (error) {
    if (!(error instanceof PageLimitError)) throw error;
    throw new HandoutError({
      code: 'page-limit',
      message: `the layout would need more than ${Math.round(input.maxFrames / Math.max(1, input.frames.framesPerPage))} pages; stopping`,
      ...placeOfArticle(input.spec),
      hint: 'Split the article, or check the template for a loop that repeats content.',
    });
  }
}

/** Frames with their slices, the last page's columns (or a fill layout's panels) balanced. */
function finish(
  input: BodyInput,
  framed: Slice[][],
  areaFor: (k: number) => Frame = input.frames.frame,
): { placed: Placed[]; used: number; overflow: Slice[][] } {
  const { spec, frames } = input;
  const limit = frames.limit;
  const inside = limit === null ? framed : framed.slice(0, limit);
  const overflow = limit === null ? [] : framed.slice(limit);
  let placed: Placed[] = inside.map((slices, k) => ({ frame: areaFor(k), slices }));
  // Brochure panels and a newsletter's last page are balanced however short: each panel as full as the others.
  // Balancing lays the slices out again: a table's header repeated at a frame's top is added afresh there.
  const original = (parts: readonly Slice[][]) => parts.flat().filter((s) => !s.repeated);
  if (limit !== null && spec.fit.mode === 'fill')
    placed = balancedAtSentences(placed, original(inside), limit, areaFor);
  else if (limit === null && spec.columns.count > 1 && spec.columns.balance && placed.length > 0) {
    const lastPage = (placed[placed.length - 1] as Placed).frame.page;
    const first = placed.findIndex((p) => p.frame.page === lastPage);
    const onLast = placed.slice(first);
    placed = [
      ...placed.slice(0, first),
      // Side by side, a short table or callout runs on into the next column (header repeated) to even them.
      ...balanced(
        onLast,
        original(onLast.map((p) => [...p.slices])),
        spec.columns.count,
        (k) => areaFor(first + k),
        0,
        0,
      ),
    ];
  }
  return { placed, used: framed.length, overflow };
}

/**
 * Brochure panels balanced, a fold never splitting a sentence when a split at a sentence's end still
 * fits the panels (the reader turns the page between panels); else balanced at any line.
 */
function balancedAtSentences(
  placed: Placed[],
  slices: readonly Slice[],
  count: number,
  areaFor: (k: number) => Frame,
): Placed[] {
  const original = new Map<Slice, Slice>();
  const kept = slices.map((s, i) => {
    if (s.keepWithNext || !endsMidSentence(s, slices[i + 1])) return s;
    const keep = { ...s, keepWithNext: true };
    original.set(keep, s);
    return keep;
  });
  const atSentences = balanced(placed, kept, count, areaFor, 0);
  if (atSentences !== placed && atSentences.length <= count)
    return atSentences.map((p) => ({ ...p, slices: p.slices.map((s) => original.get(s) ?? s) }));
  return balanced(placed, slices, count, areaFor, 0);
}

/** A line of a paragraph whose next line goes on with the same sentence. */
export function endsMidSentence(line: Slice, next: Slice | undefined): boolean {
  const last = line.boxes.filter((b) => b.kind === 'text').at(-1);
  const following = next?.boxes.find((b) => b.kind === 'text');
  if (!last || !following || last.kind !== 'text' || following.kind !== 'text' || last.block !== following.block)
    return false;
  return !/[.!?…:;。！？]["'”’»)\]]*\s*$/.test(last.text);
}

/** Slices spread over `count` frames as evenly as they go: the lowest common height that still holds them all. */
function balanced(
  placed: Placed[],
  slices: readonly Slice[],
  count: number,
  areaFor: (k: number) => Frame,
  thinnest: number,
  hole: number = maxHole,
): Placed[] {
  if (slices.length === 0) return placed;
  const frameOf = (k: number) => areaFor(k);
  const full = frameOf(0).bottom - frameOf(0).top;
  // No lower than the tallest run of slices kept together (a table, a list item), so balancing never breaks one.
  let [low, high] = [Math.min(full, tallestKept(slices, hole < maxHole)), full];
  let best: Slice[][] | null = null;
  for (let step = 0; step < 14 && high - low > 0.5; step++) {
    const middle = (low + high) / 2;
    const split = splitInto(
      slices,
      count,
      (k) => {
        const frame = frameOf(k);
        return { top: frame.top, bottom: Math.min(frame.bottom, frame.top + middle) };
      },
      hole,
    );
    if (split) {
      best = split;
      high = middle;
    } else low = middle;
  }
  // Panels too short to fill `thinnest` of each read better together than spread thin (and a panel
  // left empty is then reported).
  if (!best || high < full * thinnest) return placed;
  return best.map((part, k) => ({ frame: frameOf(k), slices: part }));
}

/** The height of the tallest run of slices that keep with the next, the last one included (soft keeps breaking runs when they yield). */
function tallestKept(slices: readonly Slice[], softYields: boolean): number {
  let tallest = 0;
  let run = 0;
  slices.forEach((s, i) => {
    run += s.height + (run > 0 ? s.spaceBefore : 0);
    tallest = Math.max(tallest, run);
    if (!s.keepWithNext || (softYields && s.softKeep) || i === slices.length - 1) run = 0;
  });
  return tallest;
}

/** The slices in at most `count` areas, or null when they need more. */
function splitInto(
  slices: readonly Slice[],
  count: number,
  areaFor: (k: number) => { top: number; bottom: number },
  hole: number,
): Slice[][] | null {
  try {
    const split = paginate(slices, areaFor, count, hole);
    return split.length <= count ? split : null;
  } catch (error) {
    if (error instanceof PageLimitError) return null;
    throw error;
  }
}

/** A closing after the article: below the last frame's content when it has room (across the columns when it spans them), else on a new page. */
function placeAfter(input: BodyInput, placed: Placed[], closing: Slice[], span: boolean): Placed[] {
  const { frames, spec } = input;
  const height = stackSlices(closing, 0).bottom;
  const last = placed[placed.length - 1];
  const lastPage = last?.frame.page ?? 0;
  const onLast = placed.filter((p) => p.frame.page === lastPage);
  const pageFrame = frames.frame(lastPage * Math.max(1, frames.framesPerPage));
  const x = span ? spec.page.margin.left : (last?.frame.x ?? pageFrame.x);
  const gap = closing[0]?.spaceBefore ?? footGap;
  const top =
    onLast.length > 0
      ? Math.max(...onLast.map((p) => p.frame.top + stackSlices(p.slices, 0).bottom)) + gap
      : pageFrame.top;
  if (top + height <= pageFrame.bottom + 0.01) {
    return [
      ...placed,
      { frame: { ...pageFrame, x, top, width: span ? input.pageBodyWidth : pageFrame.width }, slices: closing },
    ];
  }
  const next = frames.frame((lastPage + 1) * Math.max(1, frames.framesPerPage));
  return [...placed, { frame: { ...next, x, width: span ? input.pageBodyWidth : next.width }, slices: closing }];
}

function overflowError(spec: LayoutSpec, frames: FrameSet, attempt: Attempt): HandoutError {
  const limit = frames.limit as number;
  const rest = attempt.overflow.flat();
  const height = Math.round(rest.reduce((sum, s, i) => sum + s.height + (i > 0 ? s.spaceBefore : 0), 0));
  const lines = rest.filter((s) => s.boxes.some((b) => b.kind === 'text')).length;
  const firstText = rest.flatMap((s) => s.boxes).find((b) => b.kind === 'text');
  // The first content that did not fit is where the author can act: its article line, else the template's.
  const from = rest.find((s) => s.boxes.some((b) => b.kind === 'text'))?.source ?? rest[0]?.source;
  const shrink = spec.fit.mode === 'shrink' || spec.fit.mode === 'fill' ? ` even at ${spec.fit.minSize} pt` : '';
  // In words, what an author counts: what fits, and what must go.
  const over = wordsIn(rest);
  const fitting = wordsIn(attempt.placed.flatMap((p) => p.slices));
  const share = Math.round((over / Math.max(1, over + fitting)) * 100);
  return new HandoutError({
    code: 'fit-overflow',
    message: `the article does not fit the ${templateName(spec)} template${shrink}: about ${fitting} of its ${fitting + over} words fit; about ${over} words (${share}%) must go. ${height} pt (${lines} lines) did not fit after the last panel, "${frames.frame(limit - 1).name}"${firstText && firstText.kind === 'text' ? `, starting at "${firstText.text.trim()}"` : ''}`,
    hint:
      spec.fit.mode === 'error'
        ? 'Shorten the article, or let the template shrink the text: <document fit="shrink" fit-min="10pt">.'
        : `Shorten the article by about ${over} words, or build it with a template that has more room (handout, large-print).`,
    ...(from ?? placeOfDocument(spec)),
  });
}

/** Words set in these slices (a word hyphenated across two lines counted once). */
function wordsIn(slices: readonly Slice[]): number {
  let words = 0;
  for (const s of slices) {
    const text = s.boxes.map((b) => (b.kind === 'text' ? b.text : ' ')).join('');
    words += text.split(/\s+/).filter((w) => /\p{L}|\p{N}/u.test(w)).length;
    if (text.trimEnd().endsWith('\u00AD')) words -= 1;
  }
  return Math.max(0, words);
}

function templateName(spec: LayoutSpec): string {
  return spec.templateFile.split(/[\\/]/).at(-2) ?? 'its';
}
