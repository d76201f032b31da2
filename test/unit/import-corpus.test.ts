import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArticleChecked } from '../../src/content/index.js';
import { importArticle } from '../../src/import/index.js';
import { cli } from '../helpers/cli.js';
import { makeProject, removeProject, repoRoot } from '../helpers/project.js';

const corpus = join(repoRoot, 'test/fixtures/import/corpus');

interface Expected {
  readonly title: string;
  readonly id: string;
  readonly lang: string;
  /** The least share of the page's prose the article must keep. */
  readonly kept: number;
  readonly headings: readonly string[];
  /** Every list item, in order. */
  readonly items: readonly string[];
  /** Page furniture that must not reach the article. */
  readonly dropped: readonly string[];
}

/** Saved pages modelled on what WordPress, Wix, Squarespace and hand-built card layouts write. */
const pages: Record<string, Expected> = {
  'wordpress-post.html': {
    title: 'Heat or Ice for Back Pain?',
    id: 'heat-or-ice-for-back-pain',
    lang: 'en-US',
    kept: 0.9,
    headings: ['## When to use ice', '## When to use heat', '### Safe heat, step by step'],
    items: [
      '- Use ice after a fall, a twist or a sudden strain.',
      '- Keep a towel between the pack and your skin.',
      '- Wait at least an hour before the next cold pack.',
      '1. Check that the pack feels warm, not hot, on your wrist.',
      '2. Apply it for twenty minutes while you rest.',
      '3. Stop at once if your skin turns bright red or hurts.',
    ],
    dropped: [
      'Skip to content',
      'Services',
      'Posted on',
      'Posted in',
      'Share this',
      'Facebook',
      'Leave a Reply',
      'Recent Posts',
      'Desk stretches',
      'Harbor Road',
      'cookies',
      'schema.org',
    ],
  },
  'wix-page.html': {
    title: 'Shoulder Exercises After a Frozen Shoulder',
    id: 'shoulder-exercises-after-a-frozen-shoulder',
    lang: 'en',
    kept: 0.98,
    headings: ['## Pendulum swing', '## Towel stretch'],
    items: ['- Keep your back straight while you lean.', '- Let the weight of the arm do the work.'],
    dropped: ['Book Now', 'Book Online', 'Proudly created', 'viewerModel', '\u200b'],
  },
  'squarespace-page.html': {
    title: 'Plantar Fasciitis: Easing Heel Pain',
    id: 'plantar-fasciitis-easing-heel-pain',
    lang: 'en-GB',
    kept: 0.95,
    headings: ['## What helps at home', '### A calf stretch that works', '## When to see us'],
    items: [
      '- Roll a frozen water bottle under your foot for five minutes.',
      '- Stretch your calf against a wall three times a day.',
      '- Wear shoes with a firm heel and good arch support.',
    ],
    dropped: ['Conditions', 'Book an appointment', 'Subscribe', 'Mill Lane', 'Sign Up\n'],
  },
  'cards-page.html': {
    title: 'Knee Exercises: A Home Programme',
    id: 'knee-exercises-a-home-programme',
    lang: 'en',
    kept: 1,
    headings: ['Straight leg raise', 'Heel slides', 'Sit to stand', 'Step ups', 'Calf raises', 'Short walks'].map(
      (h) => `## ${h}`,
    ),
    items: [
      'Hold for three seconds at the top.',
      'Lower the leg slowly.',
      'Do ten raises on each side.',
      'Keep the heel on the bed or floor.',
      'Move slowly in both directions.',
      'Do ten slides on each side.',
      'Use the arms of the chair at first if you need them.',
      'Keep your knees over your feet.',
      'Do five, twice a day.',
      'Start with a low step.',
      'Lead with the stronger leg going down.',
      'Do ten steps, then rest.',
      'Keep your knees straight but not locked.',
      'Breathe out as you rise.',
      'Do fifteen raises.',
      'Wear shoes with good support.',
      'Choose a flat and even path.',
      'Stop if the pain gets worse.',
    ].map((item) => `- ${item}`),
    dropped: ['Book now', 'Book an appointment', 'Need help', 'Quay Street', 'Riverside Physio', '›'],
  },
  'zh-hant-cards.html': {
    title: '膝關節退化：家居物理治療',
    id: 'xi-guan-jie-tui-hua-jia-ju-wu-li-zhi-liao',
    lang: 'zh-Hant-HK',
    kept: 0.9,
    headings: [
      '膝關節退化是甚麼？',
      '物理治療可以怎樣幫助你',
      '在家可以做的運動',
      '日常生活小貼士',
      '甚麼時候需要求診',
      '重要提示',
    ].map((h) => `## ${h}`),
    items: [
      ...[
        '上落樓梯時疼痛',
        '早上關節僵硬',
        '膝蓋腫脹或發熱',
        '評估步姿和肌力',
        '設計個人運動計劃',
        '教導正確的用力方法',
      ],
      ...[
        '直腿抬高，每邊十次',
        '坐姿伸膝，每邊十次',
        '扶椅子做半蹲，五次',
        '控制體重',
        '穿有承托力的鞋',
        '避免長時間蹲下',
      ],
      ...['膝蓋突然腫脹或發紅', '不能承受體重', '疼痛在休息後仍然持續'],
    ].map((item) => `- ${item}`),
    dropped: ['主頁', '康健到戶', 'cookies', '分享', 'WhatsApp', '立即預約', '電話'],
  },
};

describe('import of real-shaped pages: the main content, whole (issue 21)', () => {
  it.each(Object.keys(pages))('%s', (name) => {
    const expected = pages[name] as Expected;
    const result = importArticle(join(corpus, name));
    const { markdown, report } = result;
    expect(result.title).toBe(expected.title);
    expect(result.id).toBe(expected.id);
    expect(result.lang).toBe(expected.lang);
    expect(report.prose.kept / report.prose.page).toBeGreaterThanOrEqual(expected.kept);
    expect(report.warnings.join('\n')).not.toMatch(/keeps only/);
    expect(markdown.match(/^#+ .*$/gm)).toEqual(expected.headings);
    expect(markdown.match(/^(-|\d+\.) .*$/gm)).toEqual(expected.items);
    for (const furniture of expected.dropped) expect(markdown).not.toContain(furniture);
    // Characters, never character references; no empty list items or paragraphs.
    expect(markdown).not.toMatch(/&#x?[0-9a-f]+;|&[a-z]+;/i);
    expect(markdown).not.toMatch(/^(-|\d+\.)\s*$/m);
    const { article, problems } = parseArticleChecked(markdown, join(repoRoot, 'content/articles', `${result.id}.md`));
    expect(article?.title).toBe(expected.title);
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('keeps the words of bold text in Chinese, with its punctuation outside the bold', () => {
    const { markdown } = importArticle(join(corpus, 'zh-hant-cards.html'));
    expect(markdown).toContain('以上資料只供參考，「**不能代替**」專業診斷。');
  });
});

describe('import says how much of the page it kept, and never overwrites within a run', () => {
  const lopsided = `<html lang="en"><head><title>Back care</title></head><body>
<main><article><h1>Back care</h1><p>Keep moving gently; bed rest makes a sore back stiffer and slower to heal.</p></article></main>
<div class="notes">${'<p>Most back pain settles within six weeks with gentle activity and simple pain relief.</p>'.repeat(5)}</div>
</body></html>`;

  it('warns with the numbers when the article keeps under 80% of the prose, and refuses with --strict', async () => {
    const root = makeProject({ 'page.html': lopsided }, { samples: false });
    const warned = await cli(['import', 'page.html', '--dry-run'], root);
    expect(warned.code).toBe(0);
    expect(warned.stderr).toMatch(/"Back care" \(en\), 0 sections, 0 leftovers removed, \d+% of the page's prose kept/);
    expect(warned.stderr).toMatch(
      /warning: the article keeps only \d+% of the page's prose \(\d+ of \d+ words\): check what was left out/,
    );
    const strict = await cli(['import', 'page.html', '--strict'], root);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(
      /page\.html: error import-incomplete: the article keeps only \d+% of the page's prose/,
    );
    expect(existsSync(join(root, 'content/articles/back-care.md'))).toBe(false);
    removeProject(root);
  });

  it('gives two pages with the same title two ids, and --force never overwrites a page of the same run', async () => {
    const page = readFileSync(join(corpus, 'zh-hant-cards.html'), 'utf8');
    const root = makeProject(
      { 'a.html': page, 'b.html': page.replace('甚麼時候需要求診', '何時求診') },
      { samples: false },
    );
    const run = await cli(['import', 'a.html', 'b.html', '--force'], root);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      'wrote content/articles/xi-guan-jie-tui-hua-jia-ju-wu-li-zhi-liao.md\nwrote content/articles/xi-guan-jie-tui-hua-jia-ju-wu-li-zhi-liao-2.md\n',
    );
    expect(run.stderr).toContain(
      'id: xi-guan-jie-tui-hua-jia-ju-wu-li-zhi-liao-2, as "xi-guan-jie-tui-hua-jia-ju-wu-li-zhi-liao" was given to another page of this run',
    );
    const first = readFileSync(join(root, 'content/articles/xi-guan-jie-tui-hua-jia-ju-wu-li-zhi-liao.md'), 'utf8');
    expect(first).toContain('甚麼時候需要求診');
    expect(
      readFileSync(join(root, 'content/articles/xi-guan-jie-tui-hua-jia-ju-wu-li-zhi-liao-2.md'), 'utf8'),
    ).toContain('何時求診');
    removeProject(root);
  });

  it('takes the id from the page address, else the file name, when the title gives none', () => {
    const root = makeProject({}, { samples: false });
    const file = join(root, 'ألم-الظهر.html');
    const body = '<p>Keep moving gently; bed rest makes a sore back stiffer and slower to heal.</p>';
    writeFileSync(
      file,
      `<html><head><title>???</title><link rel="canonical" href="https://clinic.example/care/back-pain/"></head><body><article><h1>!!!</h1>${body}</article></body></html>`,
    );
    expect(importArticle(file).id).toBe('back-pain');
    writeFileSync(
      file,
      `<html><head><title>???</title></head><body><article><h1>!!!</h1>${body}</article></body></html>`,
    );
    expect(importArticle(file).id).toMatch(/^[a-z0-9-]+$/);
    expect(importArticle(file).id).not.toBe('article');
    removeProject(root);
  });

  it('keeps a page title whole when it has no <h1>, leaving out only the site name', () => {
    const root = makeProject({}, { samples: false });
    const file = join(root, 'title.html');
    writeFileSync(
      file,
      '<html><head><title>Knee pain - what to do at home | Riverbend Clinic</title></head><body><main><p>Rest the knee for a day or two, then start to move it gently again.</p></main></body></html>',
    );
    expect(importArticle(file).title).toBe('Knee pain - what to do at home');
    removeProject(root);
  });
});
