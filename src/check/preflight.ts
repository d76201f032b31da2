import type { DiagnosticCode, Problem } from '../errors.js';
import type { layoutHandout } from '../pipeline.js';

const minimumDpi = 300;
const hairline = 0.25;
const smallestText = 9;

/** What a print shop's preflight would flag: low-resolution images, hairlines, text smaller than 9 pt. */
export function preflight(layout: ReturnType<typeof layoutHandout>, file: string): Problem[] {
  const problems: Problem[] = [];
  const warn = (code: DiagnosticCode, message: string, hint: string) =>
    problems.push({ code, severity: 'warning', message, file, hint });
  const boxes = layout.document.pages.flatMap((page) => page.boxes);
  for (const box of boxes) {
    if (box.kind === 'image') {
      const info = layout.imageInfo.get(box.src);
      if (!info || info.format === 'svg') continue;
      const dpi = Math.round(Math.min(info.width / (box.width / 72), info.height / (box.height / 72)));
      if (dpi < minimumDpi) {
        const needed = `${Math.ceil((box.width / 72) * minimumDpi)} × ${Math.ceil((box.height / 72) * minimumDpi)} px`;
        warn(
          'print-resolution',
          `${box.src.split(/[\\/]/).pop()} prints at ${dpi} dpi (${info.width} × ${info.height} px at ${(box.width / 72).toFixed(2)} in)`,
          `Print shops ask for ${minimumDpi} dpi: supply at least ${needed}, or an SVG.`,
        );
      }
    } else if (box.kind === 'rect') {
      const thin = box.fill ? Math.min(box.width, box.height) : box.stroke ? box.lineWidth : Number.POSITIVE_INFINITY;
      if (thin < hairline)
        warn(
          'print-hairline',
          `a line ${thin.toFixed(2)} pt thin`,
          `Lines under ${hairline} pt may not print: make them thicker in the template.`,
        );
    } else if (box.kind === 'text' && box.size < smallestText) {
      warn(
        'print-small-text',
        `text at ${box.size} pt ("${box.text.slice(0, 30)}")`,
        `Nothing should be printed under ${smallestText} pt.`,
      );
    }
  }
  return problems;
}
