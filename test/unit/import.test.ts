import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArticleChecked } from '../../src/content/index.js';
import { importArticle } from '../../src/import/index.js';
import { cli } from '../helpers/cli.js';
import { makeProject, removeProject, repoRoot } from '../helpers/project.js';

const fixtures = join(repoRoot, 'test/fixtures/import');
const sources = readdirSync(fixtures).filter((f) => /\.(txt|html)$/.test(f));
const fixture = (name: string) => join(fixtures, name);
const headings = (markdown: string) => markdown.match(/^#+ .*$/gm);

describe('import: web text and HTML → Markdown articles (goldens)', () => {
  it.each(sources)('%s matches its expected Markdown, and is a valid article', (name) => {
    const result = importArticle(fixture(name));
    const expected = readFileSync(fixture(name.replace(/\.(txt|html)$/, '.expected.md')), 'utf8');
    expect(result.markdown).toBe(expected);
    const { article, problems } = parseArticleChecked(
      result.markdown,
      join(repoRoot, 'content/articles', `${result.id}.md`),
    );
    expect(article?.title).toBe(result.title);
    // Nothing stands between an import and a build: a table kept from the page is laid out as a table.
    expect(problems.map((p) => p.message)).toEqual([]);
    if (name === 'captions.html') expect(article?.blocks.some((b) => b.type === 'table')).toBe(true);
  });

  it.each(sources)('%s: the summary is never a copy of the body', (name) => {
    const { markdown } = importArticle(fixture(name));
    const summary = /^summary: (.*)$/m.exec(markdown)?.[1];
    const body = markdown.split('\n---\n')[1] ?? '';
    if (summary) expect(body).not.toContain(summary.replace(/^"|"$/g, '').split('. ')[0]);
  });
});

describe('import never drops prose', () => {
  it('keeps a closing "In conclusion" paragraph, and any sentence that only starts like furniture', () => {
    const { markdown, report } = importArticle(fixture('closing-paragraph.txt'));
    expect(markdown).toMatch(/\nIn conclusion, choose a practitioner who is licensed in your state.*\n$/);
    expect(markdown.match(/^In conclusion/gm)).toHaveLength(3);
    expect(report.removed).toEqual([
      'line 2: "Home"',
      'line 3: "Blog"',
      'line 16: "Sign up for our newsletter"',
      'line 21: "Share this"',
      'line 22: "Scroll to Top"',
    ]);
    expect(markdown).toContain('Sign up for a short class at the clinic');
    expect(report.warnings).toContainEqual(
      expect.stringMatching(/^kept line 17: "Sign up for a short class.*reads as a sentence/),
    );
  });

  it('keeps a mid-article heading that repeats the title as a section, with its short sections under it', () => {
    const { markdown, report } = importArticle(fixture('title-section.txt'));
    expect(headings(markdown)).toEqual([
      '## The Benefits of Acupuncture for Knee Pain',
      '### Less pain',
      '### Easier movement',
      '### Better sleep',
      '### Fewer pills',
      '## What a session is like',
    ]);
    expect(report.removed).toEqual([]);
  });

  it('drops the title repeated before the article begins (the page showing its heading twice)', () => {
    const { report, markdown } = importArticle(fixture('wellness-blog.txt'));
    expect(report.removed).toEqual([
      'line 2: "Skip to content"',
      'line 3: a heading that repeats the title',
      'line 16: "Share this"',
      'line 17: "Scroll to Top"',
    ]);
    expect(markdown).not.toMatch(/Share this|Scroll to Top|Skip to content|^## Cupping/m);
    expect(markdown).toMatch(/\nIn conclusion, cupping is a relaxing option.*\n$/);
  });

  it('moves a short opening paragraph into the summary, out of the body, and says so', () => {
    const { markdown, report } = importArticle(fixture('wellness-blog.txt'));
    expect(report.summary).toBe('the opening paragraph (line 5), moved out of the body');
    expect(markdown.match(/Cupping uses gentle suction cups/g)).toHaveLength(1);
    expect(markdown).toMatch(/^summary: Cupping uses gentle suction cups/m);
  });

  it('leaves the summary to the author when the opening paragraph is too long or holds a link', () => {
    const long = importArticle(fixture('long-opening.txt'));
    expect(long.markdown).not.toMatch(/^summary:/m);
    expect(long.markdown).toContain('\nWalking is the most important exercise after a knee replacement');
    expect(long.report.summary).toBeNull();
    expect(long.report.warnings).toContain(
      'no summary: the opening paragraph (line 3, 79 words) is too long for one; write one or two sentences as "summary" in the front matter',
    );
    const linked = importArticle(fixture('captions.html'));
    expect(linked.markdown).not.toMatch(/^summary:/m);
    expect(linked.report.warnings).toContainEqual(
      expect.stringMatching(/^no summary: the opening paragraph \(line 8\) holds a link/),
    );
  });

  it('drops a web image together with its caption, keeps a local one with its caption, and names both', () => {
    const { markdown, report } = importArticle(fixture('captions.html'));
    expect(markdown).not.toMatch(/Glass cups in place|Silicone cups can be moved|cups\.jpg|silicone\.jpg/);
    expect(report.warnings).toContain(
      'line 10: left out the image https://images.example.net/cups.jpg ("Three glass cups on a back") and its caption "Glass cups in place": download it and refer to it by a local path',
    );
    expect(report.warnings).toContainEqual(
      expect.stringContaining('its caption "Silicone cups can be moved across the skin"'),
    );
    expect(markdown).toContain(
      '![Round pink marks on a shoulder](images/marks.png "Marks like these fade within a week")',
    );
  });

  it('keeps an aside that holds sentences, drops one that is furniture, and keeps the meaning of <sup> and <del>', () => {
    const { markdown, report } = importArticle(fixture('captions.html'));
    expect(markdown).toContain('Drink a glass of water after your session');
    expect(report.warnings).toContainEqual(
      expect.stringMatching(/^line 23: kept <aside> "Drink a glass.*holds sentences/),
    );
    expect(report.removed).toEqual(['line 24: <aside> "Related posts Heat or ice?" (related-posts)']);
    expect(markdown).toContain('about 10⁴ pascals, not a lot more');
    expect(report.warnings).toContain(
      'line 26: struck-through text "a lot" is kept as plain text: delete it if it no longer applies',
    );
    expect(headings(markdown)).toEqual(['## What you will feel', '### Aftercare in short']);
    expect(report.warnings).toContain('line 25: heading "Aftercare in short" was level 4 on the page; it is ### here');
    expect(markdown).toContain('| Day 1 | Rest the area |');
  });
});

describe('import: what the page had around the article', () => {
  it('nests short headed sections under the heading that introduces them', () => {
    const { markdown, report } = importArticle(fixture('clinic-site.txt'));
    expect(headings(markdown)).toEqual([
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
    const result = importArticle(fixture('spanish-site.txt'));
    expect(result.lang).toBe('es');
    expect(result.id).toBe('ventosas-que-esperar-en-su-primera-visita');
    expect(result.markdown).toContain('## ¿Qué pasa durante la sesión?');
    expect(result.report.removed).toEqual(['line 11: "Compartir"', 'line 12: "Leer más"']);
  });

  it('takes only the article from an HTML page', () => {
    const { markdown, report, title } = importArticle(fixture('article-page.html'));
    expect(title).toBe('Ice or heat? Choosing what helps');
    expect(markdown).not.toMatch(
      /Home|Services|cookies|Subscribe|Related posts|All rights reserved|tracking|Share on|Tweet|Read more/,
    );
    expect(markdown).toContain('summary: Both ice and heat can ease pain, but they work in different ways');
    expect(report.warnings).toContain(
      "the summary is plain text: the opening paragraph's bold and italic are not kept in it",
    );
    expect(markdown).toContain('*up to 15 minutes*');
    expect(markdown).toContain('[back care guide](https://summit.example/back-care)');
    expect(markdown).toContain('- Keep a towel between the pack and your skin.');
    expect(report.warnings.join('\n')).toMatch(/left out the image https:\/\/cdn\.example\.com\/ice-pack\.jpg/);
    expect(markdown).not.toContain('ice-pack.jpg');
  });

  it('leaves out images a handout cannot draw (file:, javascript:, absolute, climbing out), each with a warning', () => {
    const root = makeProject({}, { samples: false });
    const page = join(root, 'page.html');
    const images = ['file:///etc/hostname', 'javascript:alert(1)', '/var/www/logo.png', '../../../secret.png'];
    writeFileSync(
      page,
      `<html><head><title>Cold packs</title></head><body><article><h1>Cold packs</h1>
<p>Wrap the pack in a thin towel and hold it on the sore spot for up to fifteen minutes at a time.</p>
${images.map((src, i) => `<p><img src="${src}" alt="picture ${i}"></p>`).join('\n')}
<p><img src="images/towel.png" alt="A towel around a cold pack"></p>
<p>Let your skin warm up again before the next time you use it.</p></article></body></html>`,
    );
    const { markdown, report } = importArticle(page);
    for (const src of images) {
      expect(markdown).not.toContain(src);
      expect(report.warnings.join('\n')).toContain(`left out the image ${src}`);
    }
    expect(markdown).toContain('![A towel around a cold pack](images/towel.png)');
    removeProject(root);
  });

  it('finds the densest block when a page has no <article> or <main>, and keeps local images', () => {
    const { markdown, title } = importArticle(fixture('divs-page.html'));
    expect(title).toBe('Gentle Stretches for Neck Stiffness');
    expect(markdown).toContain('## Chin tucks');
    expect(markdown).toContain('![Shoulder roll, step by step](images/shoulder-roll.png)');
    expect(markdown).not.toMatch(/About us|newsletter/);
    expect(markdown).toContain('In conclusion, a few minutes a day is all you need.');
  });
});

describe('handout import --dry-run --diff', () => {
  it("prints the Markdown on stdout and the report, with the page's words against the article's, on stderr", async () => {
    const root = makeProject({}, { samples: false });
    const r = await cli(['import', fixture('captions.html'), '--dry-run', '--diff'], root);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(fixture('captions.expected.md'), 'utf8'));
    expect(r.stderr).toContain('"Cupping at Our Clinic" (en), 2 sections, 1 leftover removed');
    expect(r.stderr).toContain('  removed line 24: <aside> "Related posts Heat or ice?" (related-posts)');
    const diff = r.stderr.slice(r.stderr.indexOf("the page's words against the article's:"));
    expect(diff).toContain('after "…See our questions page for more.":\n  - Glass cups in place');
    expect(diff).toContain('- 104\n');
    expect(diff).toContain('+ 10⁴\n');
    expect(diff).not.toMatch(/Drink a glass|Marks like these/);
    expect(existsSync(join(root, 'content'))).toBe(false);
    removeProject(root);
  });

  it('says so when the article has every word of the page', async () => {
    const r = await cli(['import', fixture('title-section.txt'), '--dry-run', '--diff'], repoRoot);
    expect(r.stderr).toContain('(the article has every word of the page, and no other)');
    expect(r.stderr).toContain('summary: the opening paragraph (line 3), moved out of the body');
  });

  it('writes the article without --dry-run, and never overwrites one without --force', async () => {
    const root = makeProject({}, { samples: false });
    const first = await cli(['import', fixture('long-opening.txt')], root);
    expect(first).toMatchObject({ code: 0, stdout: 'wrote content/articles/walking-after-a-knee-replacement.md\n' });
    const again = await cli(['import', fixture('long-opening.txt')], root);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(
      /error import-exists: content\/articles\/walking-after-a-knee-replacement\.md already exists/,
    );
    removeProject(root);
  });
});
