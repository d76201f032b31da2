import { lstatSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { DiagnosticCode } from '../codes.js';
import { HandoutError, type Problem, type SourcePlace } from '../errors.js';
import { type FaceId, openFace } from '../fonts/index.js';
import { isWithin, resolveConfined } from '../shared/confined-read.js';
import { directionOf } from '../shared/direction.js';
import { facesOf, familiesOf } from '../shared/font-catalog.js';
import { splitFaceRef } from '../shared/font-face.js';
import { checkFontFile } from '../shared/font-file.js';
import { scanFontFolder } from '../shared/font-folder.js';
import type { FaceFamily } from '../shared/font-types.js';
import { linkHint, linkProblem } from '../shared/links.js';
import { packageRoot } from '../shared/package-root.js';
import { qrProblem } from '../shared/qr.js';
import type { ReadRecorder } from '../shared/read-recorder.js';
import { parsePlace, placeAttribute } from '../template/source-map.js';
import type { ExpandedSpec } from '../template/types.js';
import { blockElements, type ElementName, elementAttributes, inlineElements } from './elements.js';
import { geometryProblems } from './geometry.js';
import { readTable, type SpecTools } from './table.js';
import type {
  BlockSpec,
  CellSpec,
  FixedPageSpec,
  FontFamily,
  LayoutSpec,
  NotesAreaSpec,
  PanelSpec,
  RegionSpec,
  SpecInline,
  TextStyle,
} from './types.js';
import { pageSizes, text as plainText } from './values.js';
import { parseXml, type XmlElement, type XmlNode } from './xml.js';

export type * from './types.js';

type Attributes = typeof elementAttributes;
type Parsed<N extends ElementName> = {
  -readonly [K in keyof Attributes[N]]?: Attributes[N][K] extends (raw: string) => infer T ? T : never;
};

const defaultStyle: TextStyle = {
  name: 'body',
  font: 'Atkinson Hyperlegible',
  size: 12,
  leading: 1.4,
  color: '#1A1A1A',
  align: 'left',
  bold: false,
  italic: false,
  spaceBefore: 0,
  spaceAfter: 8,
  hyphenate: false,
  maxStretch: 1,
  balance: false,
  linkColor: null,
  maxLines: null,
  fitLines: null,
};

/** Font families every template may use without declaring them. */
const builtInFonts: readonly FontFamily[] = [
  family(
    'Atkinson Hyperlegible',
    'atkinson-hyperlegible/AtkinsonHyperlegible',
    '-Regular',
    '-Bold',
    '-Italic',
    '-BoldItalic',
  ),
  family('DejaVu Sans', 'dejavu/DejaVuSans', '', '-Bold', '', '-Bold'),
];

/** Families of the project's fonts/ that a document can embed, and the folder's listing as an input. */
function projectFamilies(root: string, reads: ReadRecorder | undefined): FaceFamily[] {
  const folder = scanFontFolder(join(root, 'fonts'), [root]);
  for (const { dir, names } of folder.listings) reads?.listing(dir, '', names);
  const usable = folder.files.filter((file) => {
    try {
      checkFontFile(file, [root]);
      return true;
    } catch (error) {
      // A damaged file is reported by `handout check` and wherever a template names it; it covers nothing.
      if (error instanceof HandoutError) return false;
      throw error;
    }
  });
  return familiesOf(usable.flatMap((file) => facesOf(file)));
}

function family(name: string, stem: string, ...faces: [string, string, string, string]): FontFamily {
  const [regular, bold, italic, boldItalic] = faces.map((face) => join(packageRoot, 'fonts', `${stem}${face}.ttf`)) as [
    string,
    string,
    string,
    string,
  ];
  return { name, regular, bold, italic, boldItalic };
}

export interface SpecOptions {
  /** The project folder: fonts and images are looked up inside it. */
  readonly root: string;
  /** The files `source="article:LINE"` and `source="clinic:LINE"` name. */
  readonly sources?: { readonly article?: string | undefined; readonly clinic?: string | undefined } | undefined;
  /** Records the font files the spec declares, and the project fonts it looked for. */
  readonly reads?: ReadRecorder | undefined;
  /** The clinic's own font families (already checked where the clinic file names them): they take over a name. */
  readonly clinicFonts?: readonly FaceFamily[] | undefined;
}

/** Parse and validate an expanded layout spec into a typed tree. All problems are reported together. */
export function parseSpec(expanded: ExpandedSpec, options: SpecOptions): LayoutSpec {
  const reader = new SpecReader(expanded, options);
  const spec = reader.read(
    parseXml(expanded.xml, expanded.templateFile, (el) => (expanded.files ? reader.placeOf(el) : null)),
  );
  return spec;
}

class SpecReader {
  private readonly problems: Problem[] = [];
  private readonly styles = new Map<string, TextStyle>([['body', defaultStyle]]);
  private readonly fonts = new Map<string, FontFamily>(builtInFonts.map((f) => [f.name, f]));
  private readonly templateFile: string;
  private readonly root: string;
  /** The families of the project's fonts/, known by name and last in every fallback chain. */
  private readonly projectFamilies: readonly FaceFamily[];
  /** The first element on each spec line, for problems found by line (geometry). */
  private readonly elementsByLine = new Map<number, XmlElement>();
  private readonly builtIn = new Map<string, boolean>();
  /** Note ids, and the links to places in the document, checked against each other at the end. */
  private readonly noteIds = new Set<string>();
  private readonly internalLinks: { el: XmlElement; id: string }[] = [];
  private readonly tools: SpecTools = {
    attributes: (el, name) => this.attributes(el, name) as Record<string, unknown>,
    style: (el, name) => this.style(el, name),
    inlines: (el, style) => this.inlines(el, style),
    elements: (parent) => this.elements(parent),
    unexpected: (el, where) => this.unexpected(el, where),
    fail: (el, message, hint) => this.fail(el, message, hint),
  };

  constructor(
    private readonly expanded: ExpandedSpec,
    private readonly options: SpecOptions,
  ) {
    this.templateFile = expanded.templateFile;
    this.root = options.root;
    this.projectFamilies = projectFamilies(options.root, options.reads).filter((f) => !this.fonts.has(f.name));
    for (const family of [...this.projectFamilies, ...(options.clinicFonts ?? [])]) this.fonts.set(family.name, family);
  }

  /**
   * Where an element was written: its template file and line, or (for XML written by hand) its own line. An
   * element a built-in partial wrote is placed where a project template called the partial: the values that
   * make it wrong were passed there, and that is the file the user can edit.
   */
  placeOf(el: Pick<XmlElement, 'attributes' | 'line' | 'column' | 'calls'>): SourcePlace {
    if (!this.expanded.files) return { file: this.templateFile, line: el.line, column: el.column };
    const own = this.fromMark(el.attributes[placeAttribute]);
    if (!own) return { file: this.templateFile };
    if (!this.isBuiltIn(own.file)) return own;
    for (let i = el.calls.length - 1; i >= 0; i--) {
      const caller = this.fromMark(el.calls[i]);
      if (caller && !this.isBuiltIn(caller.file)) return caller;
    }
    return own;
  }

  /** Whether a template file is the tool's own, by file (each looked up once per spec). */
  private isBuiltIn(file: string): boolean {
    let builtIn = this.builtIn.get(file);
    if (builtIn === undefined) {
      builtIn = isWithin(file, [packageRoot]);
      this.builtIn.set(file, builtIn);
    }
    return builtIn;
  }

  private fromMark(mark: string | undefined): SourcePlace | null {
    const place = mark === undefined ? null : parsePlace(mark);
    const file = place ? this.expanded.files?.[place.file] : undefined;
    return place && file ? { file, line: place.line, column: place.column } : null;
  }

  /** The place for a spec line: the template place of the element on it, when one was seen. */
  placeAtLine(line: number): SourcePlace {
    const el = this.elementsByLine.get(line);
    if (el) return this.placeOf(el);
    return this.expanded.files ? { file: this.templateFile } : { file: this.templateFile, line };
  }

  /** Where an element's content came from, by its `source` attribute (checked in `attributes`). */
  private sourceOf(el: XmlElement): SourcePlace | null {
    const match = /^(article|clinic):(\d+)$/.exec(el.attributes.source ?? '');
    const file = match ? this.options.sources?.[match[1] as 'article' | 'clinic'] : undefined;
    return match && file ? { file, line: Number(match[2]) } : null;
  }

  read(root: XmlElement): LayoutSpec {
    if (root.name !== 'document') this.fail(root, `the spec must start with <document>, not <${root.name}>`);
    const attrs = this.attributes(root, 'document');
    const size = pageSizes[attrs.size ?? 'Letter'] as { width: number; height: number };
    const landscape = attrs.orientation === 'landscape';
    const margin = attrs.margin ?? { top: 54, right: 54, bottom: 54, left: 54 };
    const children = this.elements(root);
    // Fonts and styles are read first so that blocks may use them wherever they are declared.
    for (const el of children.filter((c) => c.name === 'font')) this.readFont(el);
    for (const el of children.filter((c) => c.name === 'style')) this.readStyle(el, children);
    const regions: RegionSpec[] = [];
    const fixedPages: FixedPageSpec[] = [];
    let columns = { count: 1, gap: 18, balance: true };
    let columnsLine: number | null = null;
    let body: BlockSpec[] = [];
    let bodyCount = 0;
    const pageSize = { width: landscape ? size.height : size.width, height: landscape ? size.width : size.height };
    for (const el of children) {
      if (el.name === 'header' || el.name === 'footer') regions.push(this.readRegion(el, el.name, margin));
      else if (el.name === 'body') {
        body = this.blocks(el);
        bodyCount++;
      } else if (el.name === 'columns') {
        const c = this.attributes(el, 'columns');
        const count = c.count ?? 2;
        if (count < 1 || count > 4) this.fail(el, `<columns count="${count}"> must be between 1 and 4`);
        columns = { count: Math.max(1, Math.min(4, count)), gap: c.gap ?? 18, balance: c.balance ?? true };
        columnsLine = el.line;
      } else if (el.name === 'page') fixedPages.push(this.readFixedPage(el, pageSize));
      else if (el.name !== 'font' && el.name !== 'style') this.unexpected(el, 'document');
    }
    const flows = fixedPages.flatMap((p) => p.panels.map((panel) => panel.flow)).filter((f): f is number => f !== null);
    if (fixedPages.length > 0 && flows.length === 0)
      this.fail(root, 'a document with <page> elements needs at least one <panel flow="1">');
    if (new Set(flows).size !== flows.length) this.fail(root, 'two panels have the same flow number');
    if (bodyCount !== 1) this.fail(root, `<document> needs exactly one <body>, found ${bodyCount}`);
    const fallbackFonts = (attrs.fallback ?? 'DejaVu Sans')
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean);
    for (const name of fallbackFonts)
      if (!this.fonts.has(name)) this.fail(root, `fallback font "${name}" is not declared`);
    // The project's fonts join every chain: a font dropped into fonts/ covers what the template's lack.
    for (const family of this.projectFamilies)
      if (!fallbackFonts.includes(family.name)) fallbackFonts.push(family.name);
    for (const { el, id } of this.internalLinks)
      if (!this.noteIds.has(id))
        this.fail(el, `<a href="#${id}"> leads nowhere: no <note id="${id}">`, 'Give the note that id, or link to it.');
    if (this.problems.length > 0) throw HandoutError.fromProblems(this.problems);
    const fonts = [...this.fonts.values()];
    const spec: LayoutSpec = {
      templateFile: this.templateFile,
      at: this.placeOf(root),
      article: this.options.sources?.article ?? null,
      page: {
        width: landscape ? size.height : size.width,
        height: landscape ? size.width : size.height,
        margin,
      },
      info: {
        title: attrs.title ?? '',
        author: attrs.author ?? '',
        subject: attrs.subject ?? '',
        keywords: attrs.keywords ?? '',
        lang: attrs.lang ?? 'en',
        dir: attrs.dir ?? directionOf(attrs.lang ?? 'en'),
        noteLinks: { note: attrs['note-label'] ?? 'Note', back: attrs['back-label'] ?? 'Back to the text' },
      },
      fonts,
      fontFaces: this.openFaces(fonts),
      fallbackFonts,
      regions,
      columns,
      fixedPages,
      fit: {
        mode: attrs.fit ?? 'error',
        minSize: Math.max(9, attrs['fit-min'] ?? 9),
        maxSize: attrs['fit-max'] ?? null,
        pages: attrs['fit-pages'] ?? null,
      },
      body,
    };
    for (const problem of geometryProblems(spec, { document: root.line, columns: columnsLine }))
      this.failAt(
        this.placeAtLine(problem.line),
        problem.message,
        'Make the margins, padding, gaps or indents smaller, or the frame bigger.',
      );
    if (this.problems.length > 0) throw HandoutError.fromProblems(this.problems);
    return spec;
  }

  private readFixedPage(el: XmlElement, page: { width: number; height: number }): FixedPageSpec {
    this.attributes(el, 'page');
    const panels = this.elements(el).map((panel, index): PanelSpec => {
      if (panel.name !== 'panel') this.unexpected(panel, 'page');
      const a = this.attributes(panel, 'panel');
      const x = a.x ?? 0;
      const y = a.y ?? 0;
      const width = a.width ?? page.width - x;
      const height = a.height ?? page.height - y;
      if (x + width > page.width + 0.5 || y + height > page.height + 0.5)
        this.fail(panel, 'the panel reaches past the page edge');
      const children = this.blocks(panel);
      if (a.flow !== undefined && children.length > 0)
        this.fail(panel, 'a flow panel takes the body: it cannot have content of its own');
      return {
        line: panel.line,
        at: this.placeOf(panel),
        name: a.name ?? `panel ${index + 1}`,
        x,
        y,
        width,
        height,
        padding: a.padding ?? { top: 24, right: 24, bottom: 24, left: 24 },
        fill: a.fill ?? null,
        flow: a.flow ?? null,
        valign: a.valign ?? 'top',
        reading: a.reading ?? 'after',
        allowEmpty: a['allow-empty'] ?? false,
        inset: a.inset ?? 0,
        radius: a.radius ?? 0,
        children,
      };
    });
    return { line: el.line, panels };
  }

  private readFont(el: XmlElement): void {
    const a = this.attributes(el, 'font');
    if (!a.name || !a.regular) {
      this.fail(el, '<font> needs name and regular');
      return;
    }
    const regular = this.fontPath(el, a.regular);
    const face = (path: string | undefined) => (path ? this.fontPath(el, path) : regular);
    this.fonts.set(a.name, {
      name: a.name,
      regular,
      bold: face(a.bold),
      italic: face(a.italic),
      boldItalic: face(a['bold-italic'] ?? a.bold),
    });
  }

  /** Every face of every family the spec can draw with is an input of the handout, recorded as the content drawn. */
  private openFaces(fonts: readonly FontFamily[]): Record<string, FaceId> {
    const faces: Record<string, FaceId> = {};
    for (const ref of new Set(fonts.flatMap((f) => [f.regular, f.bold, f.italic, f.boldItalic]))) {
      // "file.ttc#Face": the file is the input, its face is part of what is drawn.
      const { file, face: name } = splitFaceRef(ref);
      const real = resolveConfined(file, { roots: [this.root, packageRoot], what: 'font file' });
      const face = openFace(name === null ? real : `${real}#${name}`);
      faces[ref] = face;
      this.options.reads?.file(real, splitFaceRef(face).file);
    }
    return faces;
  }

  /** Font paths are looked up in the project's fonts/ first, then in the built-in fonts/; each file is checked whole. */
  private fontPath(el: XmlElement, ref: string): string {
    // "file.ttc#Face": the file is looked up, the face is checked in it and kept with its path.
    const { file: path, face } = splitFaceRef(ref);
    const withFace = (candidate: string) => (face === null ? candidate : `${candidate}#${face}`);
    if (isAbsolute(path) || path.split(/[\\/]/).includes('..')) {
      this.fail(el, `font path "${path}" must stay inside fonts/`, 'Write the path relative to the fonts/ folder.');
      return path;
    }
    for (const base of [join(this.root, 'fonts'), join(packageRoot, 'fonts')]) {
      const candidate = resolve(base, path);
      // A link counts as there even when its target is gone: that is reported, not passed over.
      if (!lstatSync(candidate, { throwIfNoEntry: false })) {
        // A project font added later under this name would take over from the built-in one.
        this.options.reads?.absent(candidate);
        continue;
      }
      try {
        checkFontFile(withFace(candidate), [base]);
        if (facesOf(candidate)[0]?.embeddable === false)
          this.fail(
            el,
            `the licence of font "${path}" forbids embedding it in a document`,
            'Its OS/2 fsType says "restricted licence embedding": use a font whose licence allows embedding.',
            'font-restricted',
          );
      } catch (error) {
        if (!(error instanceof HandoutError)) throw error;
        this.fail(el, error.message, error.hint);
      }
      return withFace(candidate);
    }
    this.fail(el, `font file "${path}" not found in fonts/`, 'Put TTF or OTF files in the project fonts/ folder.');
    return path;
  }

  private readStyle(el: XmlElement, all: XmlElement[], seen: string[] = []): TextStyle | undefined {
    const a = this.attributes(el, 'style');
    if (!a.name) return this.fail(el, '<style> needs a name');
    const done = this.styles.get(a.name);
    if (done && a.name !== 'body') return done;
    if (seen.includes(a.name)) return this.fail(el, `style "${a.name}" extends itself`);
    let parent = defaultStyle;
    if (a.extends) {
      const parentEl = all.find((c) => c.name === 'style' && c.attributes.name === a.extends);
      const found = this.styles.get(a.extends) ?? (parentEl && this.readStyle(parentEl, all, [...seen, a.name]));
      if (!found) return this.fail(el, `style "${a.name}" extends unknown style "${a.extends}"`);
      parent = found;
    }
    if (a.size !== undefined && a.size <= 0) this.fail(el, `style "${a.name}" has size 0: text needs a size above 0`);
    if (a.font && !this.fonts.has(a.font))
      this.fail(el, `font "${a.font}" is not declared`, `Declare it with <font name="${a.font}" regular="..."/>.`);
    const style: TextStyle = {
      name: a.name,
      font: a.font ?? parent.font,
      size: a.size ?? parent.size,
      leading: a.leading ?? parent.leading,
      color: a.color ?? parent.color,
      align: a.align ?? parent.align,
      bold: a.bold ?? parent.bold,
      italic: a.italic ?? parent.italic,
      spaceBefore: a['space-before'] ?? parent.spaceBefore,
      spaceAfter: a['space-after'] ?? parent.spaceAfter,
      hyphenate: a.hyphenate ?? parent.hyphenate,
      maxStretch: a['max-stretch'] ?? parent.maxStretch,
      balance: a.balance ?? parent.balance,
      linkColor: a['link-color'] ?? parent.linkColor,
      maxLines: a['max-lines'] ?? parent.maxLines,
      fitLines: a['fit-lines'] ?? parent.fitLines,
    };
    this.styles.set(a.name, style);
    return style;
  }

  private readRegion(el: XmlElement, kind: 'header' | 'footer', margin: LayoutSpec['page']['margin']): RegionSpec {
    const a = this.attributes(el, kind);
    return {
      kind,
      line: el.line,
      at: this.placeOf(el),
      pages: a.pages ?? 'all',
      height: a.height === undefined ? (kind === 'header' ? margin.top : margin.bottom) : a.height,
      valign: a.valign ?? 'top',
      inset: a.inset ?? 0,
      radius: a.radius ?? 0,
      gap: a.gap ?? 0,
      fill: a.fill ?? null,
      padding: a.padding ?? { top: 0, right: margin.right, bottom: 0, left: margin.left },
      tagged: a.tagged ?? false,
      children: this.blocks(el),
    };
  }

  /** A closing's writing lines: at most one <notes-area>, its children the area's title. */
  private notesArea(closing: XmlElement): NotesAreaSpec | null {
    const areas = this.elements(closing).filter((child) => child.name === 'notes-area');
    const [el, extra] = areas;
    if (extra) this.fail(extra, '<closing> takes at most one <notes-area>');
    if (!el) return null;
    const a = this.attributes(el, 'notes-area');
    return {
      title: this.blocks(el),
      spacing: a.spacing ?? 26,
      color: a.color ?? '#9CA3AF',
      minLines: a['min-lines'] ?? 4,
    };
  }

  private blocks(parent: XmlElement): BlockSpec[] {
    const out: BlockSpec[] = [];
    for (const el of this.elements(parent)) {
      const block = this.block(el);
      if (block) out.push({ ...block, at: this.placeOf(el), source: this.sourceOf(el) });
    }
    return out;
  }

  private block(el: XmlElement): BlockSpec | undefined {
    const line = el.line;
    switch (el.name) {
      case 'h': {
        const a = this.attributes(el, 'h');
        const level = a.level ?? 2;
        if (level < 1 || level > 6) this.fail(el, `heading level ${level} is not between 1 and 6`);
        const style = this.style(el, a.style ?? (this.styles.has(`h${level}`) ? `h${level}` : 'body'));
        return {
          kind: 'paragraph',
          line,
          style,
          heading: level,
          lang: a.lang ?? null,
          inlines: this.inlines(el, style),
        };
      }
      case 'p': {
        const a = this.attributes(el, 'p');
        const style = this.style(el, a.style ?? 'body');
        return {
          kind: 'paragraph',
          line,
          style,
          heading: null,
          lang: a.lang ?? null,
          // A line with a hanging indent (a code block's) keeps its indentation: the no-break spaces it starts with.
          inlines: this.inlines(el, style, a.hang !== undefined),
          ...(a.hang ? { hang: a.hang } : {}),
        };
      }
      case 'list': {
        const a = this.attributes(el, 'list');
        const style = this.style(el, a.style ?? 'body');
        const items = this.elements(el).map((item) => {
          if (item.name !== 'item') this.unexpected(item, 'list');
          this.attributes(item, 'item');
          return this.blocks(item);
        });
        return {
          kind: 'list',
          line,
          ordered: a.type === 'number',
          start: a.start ?? 1,
          style,
          indent: a.indent ?? style.size * 1.6,
          spaceAfter: a['space-after'] ?? style.spaceAfter,
          items,
        };
      }
      case 'image': {
        const a = this.attributes(el, 'image');
        if (!a.src) this.fail(el, '<image> needs src');
        return {
          kind: 'image',
          line,
          src: resolve(this.root, a.src ?? ''),
          alt: a.alt ?? '',
          width: a.width ?? null,
          height: a.height ?? null,
          align: a.align ?? 'left',
          spaceAfter: a['space-after'] ?? 8,
          decorative: a.decorative ?? false,
          lang: a.lang ?? null,
        };
      }
      case 'box': {
        const a = this.attributes(el, 'box');
        return {
          kind: 'box',
          line,
          fill: a.fill ?? null,
          border: a.border ?? null,
          borderWidth: a['border-width'] ?? (a.border ? 1 : 0),
          borderLeftOnly: a['border-side'] === 'left',
          padding: a.padding ?? { top: 10, right: 12, bottom: 10, left: 12 },
          radius: a.radius ?? 0,
          spaceBefore: a['space-before'] ?? 6,
          spaceAfter: a['space-after'] ?? 12,
          keepTogether: a['keep-together'] === 'false' ? 'never' : a['keep-together'] === 'always' ? 'always' : 'short',
          role: a.role === 'none' || a.role === undefined ? null : a.role,
          children: this.blocks(el),
        };
      }
      case 'spacer':
        return { kind: 'spacer', line, height: this.attributes(el, 'spacer').height ?? 12 };
      case 'page-break':
        this.attributes(el, 'page-break');
        return { kind: 'page-break', line };
      case 'rule': {
        const a = this.attributes(el, 'rule');
        return {
          kind: 'rule',
          line,
          color: a.color ?? '#BFBFBF',
          thickness: a.thickness ?? 0.75,
          spaceBefore: a['space-before'] ?? 6,
          spaceAfter: a['space-after'] ?? 10,
        };
      }
      case 'row': {
        const a = this.attributes(el, 'row');
        const cells: CellSpec[] = this.elements(el).map((cell) => {
          if (cell.name !== 'cell') this.unexpected(cell, 'row');
          const c = this.attributes(cell, 'cell');
          return { width: c.width ?? null, valign: c.valign ?? 'top', children: this.blocks(cell) };
        });
        return { kind: 'row', line, gap: a.gap ?? 12, spaceAfter: a['space-after'] ?? 0, cells };
      }
      case 'table':
        return readTable(el, this.tools);
      case 'note': {
        const a = this.attributes(el, 'note');
        if (!a.id) this.fail(el, '<note> needs an id (what links to it: <a href="#id">)');
        else if (this.noteIds.has(a.id)) this.fail(el, `two notes have the id "${a.id}"`);
        else this.noteIds.add(a.id);
        const style = this.style(el, a.style ?? 'body');
        return {
          kind: 'note',
          line,
          id: a.id ?? '',
          label: a.label ?? '',
          style,
          indent: a.indent ?? style.size * 1.6,
          spaceAfter: a['space-after'] ?? style.spaceAfter,
          children: this.blocks(el),
        };
      }
      case 'qr': {
        const a = this.attributes(el, 'qr');
        if (!a.data) this.fail(el, '<qr> needs data (the text or web address to encode)');
        const tooLong = a.data ? qrProblem(a.data) : null;
        if (tooLong)
          this.fail(
            el,
            `<qr> data ${tooLong}`,
            "Shorten the address the QR code holds (the clinic file's booking or website).",
          );
        return {
          kind: 'qr',
          line,
          data: a.data ?? '',
          size: a.size ?? 72,
          color: a.color ?? '#000000',
          align: a.align ?? 'left',
          alt: a.alt ?? `QR code: ${a.data ?? ''}`,
          lang: a.lang ?? null,
        };
      }
      case 'icon': {
        const a = this.attributes(el, 'icon');
        if (!a.name) this.fail(el, '<icon> needs name (alert or info)');
        return {
          kind: 'icon',
          line,
          name: a.name ?? 'info',
          size: a.size ?? 16,
          color: a.color ?? '#000000',
          align: a.align ?? 'left',
        };
      }
      case 'closing': {
        const a = this.attributes(el, 'closing');
        const notesArea = this.notesArea(el);
        const variants = this.elements(el)
          .filter((child) => child.name !== 'notes-area')
          .map((variant) => {
            if (variant.name !== 'variant') this.unexpected(variant, 'closing');
            this.attributes(variant, 'variant');
            return this.blocks(variant);
          });
        if (variants.length === 0) this.fail(el, '<closing> needs at least one <variant>');
        return {
          kind: 'closing',
          line,
          variants,
          placement: a.placement ?? 'flow',
          optional: a.optional ?? false,
          span: a.span ?? 'column',
          notesArea,
        };
      }
      default:
        this.unexpected(el, 'a block');
        return undefined;
    }
  }

  private style(el: XmlElement, name: string): TextStyle {
    const style = this.styles.get(name);
    if (style) return style;
    this.fail(el, `style "${name}" is not defined`, `Known styles: ${[...this.styles.keys()].join(', ')}.`);
    return defaultStyle;
  }

  /** Inline content with whitespace collapsed as in HTML: template indentation never shows. */
  private inlines(el: XmlElement, style: TextStyle, keepIndent = false): SpecInline[] {
    const out: SpecInline[] = [];
    const walk = (
      node: XmlElement,
      bold: boolean,
      italic: boolean,
      href: string | null,
      lang: string | null,
      sup = false,
    ) => {
      for (const child of node.children) {
        if (child.type === 'text') {
          // As in HTML, but a no-break space (&#160;) is kept: it is how a template binds words together.
          const text = child.text.replace(/[ \t\n\r\f]+/g, ' ');
          if (text) out.push({ kind: 'text', text, bold, italic, href, lang, ...(sup ? { sup } : {}) });
          continue;
        }
        switch (child.name) {
          case 'b':
            this.attributes(child, 'b');
            walk(child, true, italic, href, lang, sup);
            break;
          case 'i':
            this.attributes(child, 'i');
            walk(child, bold, true, href, lang, sup);
            break;
          case 'sup':
            this.attributes(child, 'sup');
            walk(child, bold, italic, href, lang, true);
            break;
          case 'a': {
            const target = this.attributes(child, 'a').href;
            // `#id` leads to a note in the same document (checked once every note is read); others are web addresses.
            const internal = target?.startsWith('#') === true;
            const problem = target ? (internal ? null : linkProblem(target)) : '<a> needs href';
            if (problem) this.fail(child, problem, linkHint);
            if (internal && target) this.internalLinks.push({ el: child, id: target.slice(1) });
            walk(child, bold, italic, problem ? null : (target ?? null), lang, sup);
            break;
          }
          case 'span': {
            const spanLang = this.attributes(child, 'span').lang;
            if (!spanLang) this.fail(child, '<span> needs lang');
            walk(child, bold, italic, href, spanLang ?? lang, sup);
            break;
          }
          case 'br':
            this.attributes(child, 'br');
            out.push({ kind: 'break' });
            break;
          case 'field': {
            const name = this.attributes(child, 'field').name;
            if (!name) this.fail(child, '<field> needs name="page" or name="pages"');
            else out.push({ kind: 'field', name, bold, italic });
            break;
          }
          default:
            this.unexpected(child, `text (inline elements: ${inlineElements.join(', ')})`);
        }
      }
    };
    walk(el, style.bold, style.italic, null, null);
    return trimEnds(out, keepIndent);
  }

  private elements(parent: XmlElement): XmlElement[] {
    const out: XmlElement[] = [];
    for (const child of parent.children as XmlNode[]) {
      if (child.type === 'element') out.push(child);
      else if (child.text.trim() !== '')
        this.fail(
          parent,
          `text "${child.text.trim().slice(0, 40)}" is not allowed directly in <${parent.name}>`,
          'Put text inside <p> or <h>.',
        );
    }
    return out;
  }

  private attributes<N extends ElementName>(el: XmlElement, name: N): Parsed<N> {
    const table = elementAttributes[name] as Record<string, (raw: string) => unknown>;
    const parsed: Record<string, unknown> = {};
    if (!this.elementsByLine.has(el.line)) this.elementsByLine.set(el.line, el);
    for (const [key, raw] of Object.entries(el.attributes)) {
      if (key === placeAttribute) continue;
      if (key === 'source') {
        if (!/^(article|clinic):\d+$/.test(raw))
          this.fail(el, `<${el.name} source="${raw}">: a source is "article:LINE" or "clinic:LINE"`);
        continue;
      }
      const parse = table[key];
      if (!parse) {
        const known = Object.keys(table);
        this.fail(
          el,
          `<${el.name}> has no attribute "${key}"`,
          known.length ? `Its attributes are: ${known.join(', ')}.` : `<${el.name}> takes no attributes.`,
        );
        continue;
      }
      const value = parsedValue(name, key, raw, parse);
      if (value.ok) parsed[key] = value.value;
      else this.fail(el, `<${el.name} ${key}>: ${value.message}`);
    }
    return parsed as Parsed<N>;
  }

  private unexpected(el: XmlElement, where: string): void {
    const known = el.name in elementAttributes;
    this.fail(
      el,
      known ? `<${el.name}> is not allowed in ${where}` : `unknown element <${el.name}>`,
      known ? undefined : `Block elements: ${blockElements.join(', ')}. Inline elements: ${inlineElements.join(', ')}.`,
    );
  }

  private fail(el: XmlElement, message: string, hint?: string, code: DiagnosticCode = 'spec-invalid'): undefined {
    return this.failAt(this.placeOf(el), message, hint, code);
  }

  private failAt(place: SourcePlace, message: string, hint?: string, code: DiagnosticCode = 'spec-invalid'): undefined {
    this.problems.push({
      code,
      severity: 'error',
      message,
      ...place,
      hint: hint ?? 'See "Layout spec reference" in the README.',
    });
    return undefined;
  }
}

/** Spaces at a paragraph's ends go, as in HTML; with `keepIndent`, leading no-break spaces stay. */
function trimEnds(inlines: SpecInline[], keepIndent: boolean): SpecInline[] {
  const first = inlines[0];
  if (first?.kind === 'text')
    inlines[0] = { ...first, text: keepIndent ? first.text.replace(/^[ \t\n\r\f]+/, '') : first.text.trimStart() };
  const lastIndex = inlines.length - 1;
  const last = inlines[lastIndex];
  if (last?.kind === 'text') inlines[lastIndex] = { ...last, text: last.text.trimEnd() };
  return inlines.filter((i) => i.kind !== 'text' || i.text !== '');
}

/** Attribute values already parsed, by element, attribute and text: every handout's spec repeats the same few hundred. */
const parsedValues = new Map<string, { ok: true; value: unknown } | { ok: false; message: string }>();
const valuesKept = 20_000;

function parsedValue(
  element: string,
  attribute: string,
  raw: string,
  parse: (raw: string) => unknown,
): { ok: true; value: unknown } | { ok: false; message: string } {
  // Free text (an address, alt text) is taken as written: nothing to parse, nothing worth keeping.
  if (parse === plainText) return { ok: true, value: raw };
  const key = `${element}\u0000${attribute}\u0000${raw}`;
  let known = parsedValues.get(key);
  if (!known) {
    try {
      // Frozen: one parsed value (edges, a colour list) is shared by every spec that writes the same text.
      known = { ok: true, value: Object.freeze(parse(raw)) };
    } catch (error) {
      known = { ok: false, message: (error as Error).message };
    }
    if (parsedValues.size >= valuesKept) parsedValues.delete(parsedValues.keys().next().value as string);
    parsedValues.set(key, known);
  }
  return known;
}
