import { problemsOf } from '../errors.js';
import { renderHandout } from '../pipeline.js';
import { sha256 } from './hash.js';
import type { HandoutJob, JobResult } from './messages.js';
import { writeFileAtomic } from './write.js';

/** Build one handout and write it atomically; failures come back as problems, never as a throw. */
export async function runJob(job: HandoutJob): Promise<JobResult> {
  try {
    const handout = await renderHandout({
      root: job.root,
      article: job.article,
      brand: job.brand,
      template: job.template,
      documentId: job.documentId,
      output: job.output,
      labels: job.labels,
    });
    const { pdf, layout } = handout;
    writeFileAtomic(job.path, pdf);
    return { type: 'built', pages: layout.pages.length, bytes: pdf.length, sha256: sha256(pdf), notes: handout.notes };
  } catch (error) {
    return { type: 'failed', problems: problemsOf(error, job.article.file) };
  }
}
