import { problemsOf } from '../errors.js';
import { buildOutput } from '../pipeline.js';
import { sha256 } from '../shared/confined-read.js';
import type { HandoutJob, JobResult } from './messages.js';
import { writeFileAtomic } from './write.js';

/** Build one handout and write it atomically; failures come back as problems, never as a throw. */
export async function runJob(job: HandoutJob): Promise<JobResult> {
  try {
    const { path, folder, ...output } = job;
    const built = await buildOutput(output);
    writeFileAtomic(path, built.pdf, folder);
    return {
      type: 'built',
      pages: built.layout.pages.length,
      bytes: built.pdf.length,
      sha256: sha256(built.pdf),
      notes: built.notes,
      inputs: built.inputs,
      inputHash: built.inputHash,
    };
  } catch (error) {
    return { type: 'failed', problems: problemsOf(error, job.article.file) };
  }
}
