import { resolve } from 'node:path';
import type { ListedFont } from '../../catalog/types.js';
import { defineCommand } from '../command.js';
import type { CliIo } from '../io.js';
import { jsonOption, projectOptions } from '../options.js';
import { printDiagnostics, printJson, shownPath } from '../report.js';

export const fonts = defineCommand({
  command: 'fonts',
  describe: "List every font the project's handouts can use (project, clinic, built-in) and the scripts each covers",
  options: { ...projectOptions, ...jsonOption },
  examples: [['handout fonts', 'see which font covers Chinese, Arabic, ... before building']],
  async run(args, io) {
    const { listFonts } = await import('../../catalog/index.js');
    const list = listFonts({
      root: resolve(io.cwd, args.root),
      config: args.config === undefined ? undefined : resolve(io.cwd, args.config),
    });
    const code = list.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
    if (args.json) {
      printJson(io, 'fonts', code, list.diagnostics, {
        fonts: list.fonts.map((font) => ({ ...font, file: shownPath(font.file, io) })),
      });
      return code;
    }
    printDiagnostics(list.diagnostics, io);
    for (const line of fontLines(list.fonts, io)) io.stdout(`${line}\n`);
    return code;
  },
});

/** By family, as `typst fonts --variants` does: the family, then a line per face. */
function fontLines(fonts: readonly ListedFont[], io: CliIo): string[] {
  const lines: string[] = [];
  let family = '';
  for (const font of fonts) {
    const key = `${font.family}|${font.source}`;
    if (key !== family) {
      const whose = font.clinics.length > 0 ? ` ${font.clinics.join(', ')}` : '';
      lines.push(`${font.family} (${font.source}${whose})`);
      family = key;
    }
    const face = font.index > 0 ? ` face ${font.index + 1} (only a collection's first face is used)` : '';
    const licence = font.embeddable ? '' : ', licence forbids embedding';
    lines.push(
      `  ${font.style}  ${font.format}  ${shownPath(font.file, io)}${face}${licence}  ${font.scripts.join(', ') || 'no script'}`,
    );
  }
  return lines;
}
