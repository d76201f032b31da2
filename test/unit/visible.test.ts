import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/errors.js';
import { quotedPath, terminalSafe, visible } from '../../src/shared/visible.js';

/** What a terminal acts on: C0 (but the line breaks and tabs of the tool's own lines), DEL, C1, bidi embeddings, overrides and isolates. */
const acted = /(?![\n\t])[\p{Cc}\u202a-\u202e\u2066-\u2069]/u;
const dangerous = [
  '\x1b',
  '\x07',
  '\r',
  '\b',
  '\x00',
  '\x7f',
  '\x9b',
  '\u202e',
  '\u202a',
  '\u2066',
  '\u2069',
  '\n',
  '\t',
];

/** Strings mixing the dangerous characters with letters of any script. */
const hostile = fc.string({
  unit: fc.oneof(fc.constantFrom(...dangerous), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })),
});

describe('text from input is shown visibly, as git quotes paths', () => {
  it('escapes control characters in C style or octal, the rest as \\uXXXX', () => {
    expect(visible('a\x1b]0;title\x07b')).toBe('a\\033]0;title\\ab');
    expect(visible('x\ny\tz\r\b\x00\x7f\x9b')).toBe('x\\ny\\tz\\r\\b\\000\\u007f\\u009b');
    expect(visible('invoice\u202efdp.exe \u2066x\u2069 \u202ay\u202c')).toBe(
      'invoice\\u202efdp.exe \\u2066x\\u2069 \\u202ay\\u202c',
    );
  });

  it('leaves letters of every script and the bidi marks that Arabic and Hebrew text needs alone', () => {
    const letters = '指南 دليل المريض café naïve Ωμέγα שלום \u200f(RLM) \u200e(LRM) 👩‍⚕️';
    expect(visible(letters)).toBe(letters);
    expect(terminalSafe(letters)).toBe(letters);
    expect(quotedPath(`content/articles/${letters}.md`)).toBe(`content/articles/${letters}.md`);
  });

  it('terminal lines keep their line breaks and tabs; everything else is escaped', () => {
    expect(terminalSafe('one\n\ttwo\x1b[2J\r\u202e\n')).toBe('one\n\ttwo\\033[2J\\r\\u202e\n');
  });

  it('quotes a path only when it needs escapes, escaping its quotes and backslashes then', () => {
    expect(quotedPath('content/articles/a "b" c\\d.md')).toBe('content/articles/a "b" c\\d.md');
    expect(quotedPath('content/articles/a\x1b"b\\.md')).toBe('"content/articles/a\\033\\"b\\\\.md"');
  });

  it('no string of dangerous characters survives either escape (property)', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        expect(visible(text)).not.toMatch(/[\p{Cc}\u202a-\u202e\u2066-\u2069]/u);
        expect(terminalSafe(text)).not.toMatch(acted);
        // Line breaks are the only thing terminalSafe keeps that visible does not.
        expect(terminalSafe(text).split('\n')).toHaveLength(text.split('\n').length);
      }),
    );
  });

  it('--json stays JSON with the same strings after the terminal escape (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(hostile, hostile), (record) => {
        const printed = terminalSafe(`${JSON.stringify({ message: record, list: Object.keys(record) })}\n`);
        expect(printed).not.toMatch(acted);
        expect(JSON.parse(printed)).toEqual({ message: record, list: Object.keys(record) });
      }),
    );
  });

  it('a diagnostic is one line and its hint the next, whatever its file, message and hint hold', () => {
    const text = formatProblem({
      code: 'invalid-field',
      severity: 'error',
      file: 'content/clinics/evil\n\u202e.yaml',
      line: 3,
      column: 1,
      message: 'clinic: unknown field "\x1b]0;PWNED\x07"\nfake: error',
      hint: 'Did you mean\r"name"?',
      output: 'x/\x1by.pdf',
    });
    expect(text).toBe(
      '"content/clinics/evil\\n\\u202e.yaml":3:1: error invalid-field: x/\\033y.pdf: clinic: unknown field "\\033]0;PWNED\\a"\\nfake: error\n  hint: Did you mean\\r"name"?',
    );
  });
});
