/**
 * A source map from expansion, carried by the output itself: every element a template file writes gets an
 * `hp-at="FILE:LINE:COLUMN"` attribute naming the file (an index into the template's file list) and the place
 * of its start tag, so a problem found in the layout spec is reported at the template line that wrote it.
 * A partial call between elements is wrapped in `<?hp-call FILE:LINE:COLUMN?>` … `<?hp-return?>`, so an
 * element a built-in partial writes can be reported where a project template called it, with its values.
 */
export const placeAttribute = 'hp-at';
export const callTarget = 'hp-call';
export const returnTarget = 'hp-return';

export interface Marked {
  readonly text: string;
  /** Where attributes were inserted, to map a Handlebars error's column back to the file as written. */
  readonly insertions: readonly Insertion[];
}

interface Insertion {
  readonly line: number;
  /** 0-based column in the marked line where the insertion starts. */
  readonly column: number;
  readonly length: number;
}

/** Mark each literal start tag of a template file (never inside {{…}}, comments or CDATA). */
export function markStartTags(text: string, fileIndex: number): Marked {
  const insertions: Insertion[] = [];
  let out = '';
  let line = 1;
  let lineStart = 0;
  let shift = 0;
  let i = 0;
  // Inside a start tag (between "<name" and ">") a partial call writes attributes: it is not wrapped there.
  let inTag = false;
  const copyTo = (end: number) => {
    for (let k = i; k < end; k++) {
      if (text.charCodeAt(k) === 10) {
        line++;
        lineStart = k + 1;
        shift = 0;
      }
    }
    out += text.slice(i, end);
    i = end;
  };
  while (i < text.length) {
    if (text.startsWith('{{', i) && text[i - 1] !== '\\') {
      const end = mustacheEnd(text, i);
      const partial = !inTag && /^\{\{~?>/.test(text.slice(i, i + 4));
      if (!partial) {
        copyTo(end);
        continue;
      }
      const call = `<?${callTarget} ${fileIndex}:${line}:${i - lineStart + 1}?>`;
      insertions.push({ line, column: i - lineStart + shift, length: call.length });
      shift += call.length;
      out += call;
      copyTo(end);
      const back = `<?${returnTarget}?>`;
      insertions.push({ line, column: i - lineStart + shift, length: back.length });
      shift += back.length;
      out += back;
      continue;
    }
    if (text[i] === '>') inTag = false;
    if (text.startsWith('<!--', i)) {
      copyTo(endOf(text, '-->', i));
      continue;
    }
    if (text.startsWith('<![CDATA[', i)) {
      copyTo(endOf(text, ']]>', i));
      continue;
    }
    const name = text[i] === '<' ? /^<([A-Za-z][\w.-]*)/.exec(text.slice(i, i + 64)) : null;
    if (name) {
      inTag = true;
      const at = i - lineStart + 1;
      copyTo(i + (name[0] as string).length);
      const attribute = ` ${placeAttribute}="${fileIndex}:${line}:${at}"`;
      insertions.push({ line, column: i - lineStart + shift, length: attribute.length });
      shift += attribute.length;
      out += attribute;
      continue;
    }
    copyTo(i + 1);
  }
  return { text: out, insertions };
}

/** The column (1-based) in the file as written, for a column Handlebars reports in the marked text. */
export function columnAsWritten(marked: Marked, line: number, column: number): number {
  let result = column;
  for (const insertion of marked.insertions) {
    if (insertion.line === line && insertion.column < column - 1) result -= insertion.length;
  }
  return Math.max(1, result);
}

function mustacheEnd(text: string, start: number): number {
  if (text.startsWith('{{!--', start)) return endOf(text, '--}}', start);
  if (text.startsWith('{{{', start)) return endOf(text, '}}}', start);
  return endOf(text, '}}', start);
}

function endOf(text: string, close: string, start: number): number {
  const at = text.indexOf(close, start + 2);
  return at < 0 ? text.length : at + close.length;
}

/** A place attribute's value, or null when it is not one. */
export function parsePlace(value: string): { file: number; line: number; column: number } | null {
  const match = /^(\d+):(\d+):(\d+)$/.exec(value);
  return match ? { file: Number(match[1]), line: Number(match[2]), column: Number(match[3]) } : null;
}
