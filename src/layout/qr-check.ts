import type { Diagnostic, SourcePlace } from '../errors.js';
import { minimumModule, quietModules } from '../shared/qr.js';
import { layoutDiagnostic } from './diagnostics.js';
import type { LaidOutPage } from './types.js';

const mm = (points: number) => Math.round((points * 25.4 * 100) / 72) / 100;

/** A warning for each QR code drawn with modules under 0.5 mm: older phones may not read it. */
export function smallQrCodes(pages: readonly LaidOutPage[], place: SourcePlace): Diagnostic[] {
  return pages.flatMap((page, index) =>
    page.boxes.flatMap((box) => {
      if (box.kind !== 'qr') return [];
      const module = box.size / (box.modules + 2 * quietModules);
      if (module >= minimumModule - 1e-9) return [];
      return [
        layoutDiagnostic(
          'warning',
          'qr-small',
          `the QR code on page ${index + 1} is ${mm(box.size)} mm wide with ${box.modules} × ${box.modules} modules of ${mm(module)} mm, under 0.5 mm: older phones may not read it`,
          place,
          'Give the clinic a shorter booking address (or a website for the code to fall back to), or give the code more room in the template.',
        ),
      ];
    }),
  );
}
