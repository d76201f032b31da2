import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/content/index.js';
import { importArticle } from '../../src/import/index.js';
import { repoRoot } from '../helpers/project.js';

const fixtures = join(repoRoot, 'test/fixtures/import');
const sources = readdirSync(fixtures).filter((f) => /\.(txt|html)$/.test(f));

describe('import: web text and HTML → Markdown articles', () => {
  it.each(sources)('%s matches its expected Markdown', (name) => {
    const result = importArticle(join(fixtures, name));
    const expected = readFileSync(join(fixtures, name.replace(/\.(txt|html)$/, '.expected.md')), 'utf8');
    expect(result.markdown).toBe(expected);
    // What comes out is a valid article.
    const article = parseArticle(result.markdown, join(repoRoot, 'content/articles', `${result.id}.md`));
    expect(article.title).toBe(result.title);
  });

  it('removes page leftovers from copied text and says what it removed', () => {
    const { report, markdown } = importArticle(join(fixtures, 'wellness-blog.txt'));
    expect(report.removed).toEqual([
      'line 2: "Skip to content"',
      'line 3: a heading that repeats the title',
      'line 16: "Share this"',
      'line 17: "Scroll to Top"',
      'line 18: the closing "In conclusion" paragraph',
    ]);
    expect(report.warnings).toContain('heading guessed from a short line at line 7: "What happens during a session?"');
    expect(markdown).not.toMatch(/Share this|Scroll to Top|In conclusion|Skip to content/);
  });

  it('nests short headed sections under the heading that introduces them', () => {
    const { markdown, report } = importArticle(join(fixtures, 'clinic-site.txt'));
    expect(markdown.match(/^#+ .*$/gm)).toEqual([
      '## How to use heat safely',
      '## Types of heat',
      '### Dry heat',
      '### Moist heat',
      '### Heat wraps you wear',
      '## When to stop',
    ]);
    expect(report.sections).toBe(6);
    expect(markdown).toContain('Use a warm — not hot — pack');
    expect(markdown).toContain('“Back in Motion”');
    expect(markdown).not.toMatch(/cookies|Book Now|Posted on/);
  });

  it('detects Spanish and keeps accents and inverted question marks', () => {
    const result = importArticle(join(fixtures, 'spanish-site.txt'));
    expect(result.lang).toBe('es');
    expect(result.id).toBe('ventosas-que-esperar-en-su-primera-visita');
    expect(result.markdown).toContain('## ¿Qué pasa durante la sesión?');
    expect(result.report.removed).toEqual(['line 11: "Compartir"', 'line 12: "Leer más"']);
  });

  it('takes only the article from an HTML page', () => {
    const { markdown, report, title } = importArticle(join(fixtures, 'article-page.html'));
    expect(title).toBe('Ice or heat? Choosing what helps');
    expect(markdown).not.toMatch(
      /Home|Services|cookies|Subscribe|Related posts|All rights reserved|tracking|Share on|Tweet|Read more/,
    );
    expect(markdown).toContain('**different ways**');
    expect(markdown).toContain('*up to 15 minutes*');
    expect(markdown).toContain('[back care guide](https://summit.example/back-care)');
    expect(markdown).toContain('- Keep a towel between the pack and your skin.');
    expect(report.warnings.join('\n')).toMatch(/left out the image https:\/\/cdn\.example\.com\/ice-pack\.jpg/);
    expect(markdown).not.toContain('ice-pack.jpg');
  });

  it('finds the densest block when a page has no <article> or <main>, and keeps local images', () => {
    const { markdown, title } = importArticle(join(fixtures, 'divs-page.html'));
    expect(title).toBe('Gentle Stretches for Neck Stiffness');
    expect(markdown).toContain('## Chin tucks');
    expect(markdown).toContain('![Shoulder roll, step by step](images/shoulder-roll.png)');
    expect(markdown).not.toMatch(/About us|newsletter|In conclusion/);
  });
});
