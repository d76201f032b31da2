import { join, relative } from 'node:path';
import type { Brand } from '../brand/types.js';
import type { Article, Block } from '../content/types.js';
import { packageRoot } from '../shared/package-root.js';
import { findTemplateDir, sharedPartialsDir } from '../template/index.js';
import { version } from '../version.js';
import { type InputHasher, sha256 } from './hash.js';

export interface OutputInputs {
  readonly files: readonly string[];
  readonly hash: string;
}

/** Everything an output depends on, hashed: a change to any of them rebuilds it, and only it. */
export function hashInputs(
  root: string,
  article: Article,
  brand: Brand,
  template: string,
  configText: string,
  hasher: InputHasher,
): OutputInputs {
  const templateDir = findTemplateDir(template, root);
  const files = [article.file, ...imagesOf(article.blocks), brand.file, ...(brand.logo ? [brand.logo.path] : [])];
  const parts = [
    `tool ${version}`,
    `config ${sha256(configText)}`,
    `page ${brand.page}`,
    `date ${process.env.SOURCE_DATE_EPOCH ?? ''}`,
    ...files.map((file) => `${relative(root, file)} ${hasher.file(file)}`),
    `template ${relative(root, templateDir)} ${hasher.dir(templateDir)} ${hasher.dir(sharedPartialsDir)}`,
    `fonts ${hasher.dir(join(root, 'fonts'))} ${hasher.dir(join(packageRoot, 'fonts'))}`,
  ];
  return {
    files: [...files, templateDir, join(root, 'fonts')].map((f) => relative(root, f)),
    hash: sha256(parts.join('\n')),
  };
}

function imagesOf(blocks: readonly Block[]): string[] {
  return blocks.flatMap((block): string[] => {
    if (block.type === 'image') return [block.src];
    if (block.type === 'quote' || block.type === 'callout') return imagesOf(block.blocks);
    if (block.type === 'list') return block.items.flatMap((item) => imagesOf(item.blocks));
    return [];
  });
}
