import type { CheckReport } from '../../check/types.js';
import { describeScore } from '../../readability/index.js';
import { defineCommand } from '../command.js';
import type { CliIo } from '../io.js';
import { jsonOption, projectOptions, projectSelection, reportOptions, selectionOptions } from '../options.js';
import { groupedText, plural, printJson, shownPath, warningLimitExceeded, warningLimitFields } from '../report.js';

export const check = defineCommand({
  command: 'check',
  describe: 'Check the whole project without writing a PDF; list every problem',
  options: {
    ...projectOptions,
    ...selectionOptions,
    strict: { type: 'boolean', default: false, describe: 'Reading level over the gate is an error' },
    print: {
      type: 'boolean',
      default: false,
      describe: 'Preflight for print: image resolution, hairlines, small text',
    },
    ...jsonOption,
    ...reportOptions,
  },
  async run(args, io) {
    const { checkProject } = await import('../../check/index.js');
    const report = await checkProject({
      ...projectSelection({ ...args, out: undefined }, io.cwd),
      strict: args.strict,
      print: args.print,
    });
    const warnings = report.problems.filter((p) => p.severity === 'warning');
    const overLimit = warningLimitExceeded(warnings, args['max-warnings']);
    const code = report.errors > 0 || overLimit ? 1 : 0;
    if (args.json) {
      printJson(io, 'check', code, report.problems, {
        root: shownPath(report.root, io),
        checked: report.checked,
        errors: report.errors,
        warnings: report.warnings,
        notes: report.notes,
        maxGrade: report.maxGrade,
        readability: report.readability.map((r) => ({ ...r, file: shownPath(r.file, io) })),
        ...warningLimitFields(warnings, args['max-warnings'], report.silenced),
      });
      return code;
    }
    // The report is the command's output: problems on stdout, in the order of the files.
    io.stdout(groupedText(report.problems, io, args.verbose));
    io.stdout(readabilityTable(report, io));
    const { checked } = report;
    io.stdout(
      `checked ${plural(checked.articles, 'article')}, ${plural(checked.clinics, 'clinic')}, ${plural(checked.planned, 'planned handout')}: ${plural(report.errors, 'error')}, ${plural(report.warnings, 'warning')}, ${plural(report.notes, 'note')}${report.silenced > 0 ? ` (${report.silenced} silenced by the config)` : ''}\n`,
    );
    if (overLimit) io.stderr(`${overLimit}\n`);
    return code;
  },
});

function readabilityTable(report: CheckReport, io: CliIo): string {
  const lines = [`Readability (gate: grade ${report.maxGrade}):`];
  const ungraded = new Set<string>();
  for (const r of report.readability) {
    const score = describeScore(r);
    if (score === null) ungraded.add(r.lang);
    const length =
      r.charactersPerSentence !== null
        ? `${r.charactersPerSentence} characters per sentence`
        : `${r.wordsPerSentence} words per sentence`;
    lines.push(`  ${shownPath(r.file, io)}: ${score === null ? '' : `${score}; `}${length}, ${r.sentences} sentences`);
    for (const s of r.longestSentences.slice(0, 2)) {
      lines.push(`    line ${s.line}: ${s.words} words: "${s.text.slice(0, 70)}${s.text.length > 70 ? '…' : ''}"`);
    }
    if (r.longWords.length) lines.push(`    long words: ${r.longWords.slice(0, 10).join(', ')}`);
  }
  // Said once for all of them: a language without a published formula is measured, not graded.
  if (ungraded.size > 0)
    lines.push(`  not graded (no published readability formula for ${[...ungraded].sort().join(', ')})`);
  return `${lines.join('\n')}\n`;
}
