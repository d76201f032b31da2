import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/content/index.js';
import { assessReadability, describeScore, formulaName } from '../../src/readability/index.js';
import {
  dutchSyllables,
  englishSyllables,
  frenchSyllables,
  germanSyllables,
  portugueseSyllables,
  spanishSyllables,
} from '../../src/readability/syllables.js';

const article = (body: string, lang = 'en', title = 'T') =>
  parseArticle(`---\ntitle: ${title}\nlang: ${lang}\n---\n\n${body}\n`, '/p/content/articles/a.md');
/** The report for the body alone: the one-word title "T" is its own sentence, so it is left out here. */
const bodyOnly = (body: string, lang = 'en') => {
  const report = assessReadability(article(body, lang, 'Ok.'));
  return report;
};

describe('syllables', () => {
  it.each([
    ['the', 1],
    ['knee', 1],
    ['table', 2],
    ['needles', 2],
    ['treatment', 2],
    ['helped', 1],
    ['creature', 2],
    ['seemingly', 3],
    ['platypus', 3],
    ['Australian', 4],
    ['reptilian', 4],
    ['acupuncture', 4],
    ['osteoarthritis', 5],
  ])('English %s has %i', (word, count) => expect(englishSyllables(word)).toBe(count));

  it.each([
    ['pan', 1],
    ['gato', 2],
    ['cuello', 2],
    ['agua', 2],
    ['día', 2],
    ['poeta', 3],
    ['leer', 2],
    ['músculo', 3],
    ['profesional', 4],
    ['que', 1],
  ])('Spanish %s has %i', (word, count) => expect(spanishSyllables(word)).toBe(count));
});

describe('readability formulas, checked against worked examples', () => {
  it('Flesch–Kincaid: the platypus sentence (13 words, 26 syllables; reading ease 24.4, grade 13.1)', () => {
    const report = assessReadability(
      article('', 'en', 'The Australian platypus is seemingly a hybrid of a mammal and reptilian creature.'),
    );
    expect([report.words, report.sentences, report.syllables]).toEqual([13, 1, 26]);
    // 0.39 × 13 + 11.8 × 26 / 13 − 15.59 = 13.08; its reading ease 206.835 − 1.015 × 13 − 84.6 × 2 = 24.4.
    expect(report.fleschKincaidGrade).toBe(13.1);
  });

  it('Flesch–Kincaid on a plain sentence works out by hand', () => {
    // "Ok." + "The cat sat on the mat." = 7 words, 2 sentences, 7 syllables: 0.39 × 3.5 + 11.8 − 15.59 = −2.4
    expect(bodyOnly('The cat sat on the mat.').fleschKincaidGrade).toBe(-2.4);
  });

  it('SMOG: 30 sentences with 29 words of three or more syllables give 1.043 × √29 + 3.1291 = 8.7', () => {
    // The title "Ok." and 29 sentences with one polysyllable each ("practitioner").
    const report = bodyOnly(Array.from({ length: 29 }, () => 'We met the practitioner.').join(' '));
    expect(report.sentences).toBe(30);
    expect(report.smogGrade).toBe(8.7);
    // SMOG needs 30 sentences: with fewer it is not given.
    expect(bodyOnly('We met the practitioner.').smogGrade).toBeNull();
  });

  it('Fernández-Huerta for Spanish: "El gato come pan." (6 syllables, 4 words, 1 sentence) scores 91.3', () => {
    const report = assessReadability(article('', 'es', 'El gato come pan.'));
    // 206.84 − 0.60 × 150 − 1.02 × 25 = 91.34
    expect(report.fernandezHuerta).toBe(91.3);
    expect(report.fleschKincaidGrade).toBeNull();
    expect(report.grade).toBe(4);
  });

  it('lists the longest sentences with their lines and the long words', () => {
    const report = assessReadability(
      article(
        'Short one.\n\nThis considerably longer sentence contains several complicated medical expressions for practitioners.',
      ),
    );
    expect(report.longestSentences[0]).toMatchObject({ line: 8, words: 11 });
    expect(report.longWords).toEqual(expect.arrayContaining(['considerably', 'complicated', 'practitioners']));
    expect(report.longWords).not.toContain('several');
  });

  it('places each sentence on the line it starts on: summary, wrapped paragraphs, later sentences', () => {
    const report = assessReadability(
      parseArticle(
        [
          '---',
          'title: Knee care', // line 2
          'summary: Rest your knee for two full days after every single long walk in the hills. Then walk.', // line 3
          '---',
          '',
          'Short one. This sentence is wrapped by the editor',
          'across two lines of the file and is the longest here by far, really.',
          'A third sentence starts on line eight of the file.',
        ].join('\n'),
        '/p/content/articles/a.md',
      ),
    );
    expect(report.longestSentences).toEqual([
      {
        text: 'This sentence is wrapped by the editor across two lines of the file and is the longest here by far, really.',
        words: 21,
        line: 6,
      },
      { text: 'Rest your knee for two full days after every single long walk in the hills.', words: 15, line: 3 },
      { text: 'A third sentence starts on line eight of the file.', words: 10, line: 8 },
    ]);
    // A line end inside a paragraph is a space, not the end of a sentence.
    expect(report.sentences).toBe(6);
  });

  it('lists a repeated sentence once, at its first line', () => {
    const repeated = 'Acupuncture may ease knee pain and stiffness for many people who have had knee pain for years.';
    const report = assessReadability(
      parseArticle(`---\ntitle: T\nsummary: ${repeated}\n---\n\n${repeated}\n\nShort.\n`, '/p/content/articles/a.md'),
    );
    expect(report.longestSentences.map((s) => [s.line, s.text])).toEqual([
      [3, repeated],
      [2, 'T'],
      [8, 'Short.'],
    ]);
    expect(report.sentences).toBe(4);
  });

  it('does not take names for long words, but keeps a long word that only starts a sentence', () => {
    const report = bodyOnly(
      'Our practitioner trained in Pennsylvania with Doctor Abernathy. Acupuncture is gentle. ' +
        'Ask Abernathy about acupuncture.\n\n## Visiting Philadelphia\n\nConsider the options.',
    );
    expect(report.longWords).toEqual(
      expect.arrayContaining(['practitioner', 'acupuncture', 'consider', 'philadelphia']),
    );
    expect(report.longWords).not.toContain('pennsylvania');
    expect(report.longWords).not.toContain('abernathy');
  });

  it('German capitalises every noun, so there no word is taken for a name', () => {
    const report = assessReadability(article('Wir empfehlen eine Behandlung mit Akupunktur.', 'de', 'Ok.'));
    expect(report.longWords).toEqual(expect.arrayContaining(['behandlung', 'akupunktur']));
    expect(report.formula).toBe('amstad');
  });
});

/** One sentence as the article's title and nothing else: every count is the sentence's own. */
const sentence = (text: string, lang: string) => assessReadability(article('', lang, text));

describe('reading ease per language, each formula against a sentence worked out by hand', () => {
  it.each([
    ['Knie', 1],
    ['Behandlung', 3],
    ['Rehabilitationszentrum', 9],
    ['Theater', 3],
    ['neue', 2],
    ['Bauchschmerzen', 3],
  ])('German %s has %i', (word, count) => expect(germanSyllables(word)).toBe(count));

  it.each([
    ['knie', 1],
    ['behandeling', 4],
    ['ziekenhuis', 3],
    ['geëerd', 2],
    ['eeuwig', 2],
    ['fysiotherapeut', 6],
  ])('Dutch %s has %i', (word, count) => expect(dutchSyllables(word)).toBe(count));

  it.each([
    ['votre', 1],
    ['médecin', 3],
    ['explique', 2],
    ['traitement', 3],
    ['réaction', 3],
    ['articulation', 5],
    ['patient', 2],
    ['grande', 1],
  ])('French %s has %i', (word, count) => expect(frenchSyllables(word)).toBe(count));

  it.each([
    ['joelho', 3],
    ['médico', 3],
    ['tratamento', 4],
    ['saúde', 3],
    ['água', 2],
    ['quando', 2],
    ['articulação', 5],
  ])('Portuguese %s has %i', (word, count) => expect(portugueseSyllables(word)).toBe(count));

  it('Kandel–Moles (fr): "Votre médecin vous explique le traitement." is 66.0, about grade 8', () => {
    const report = sentence('Votre médecin vous explique le traitement.', 'fr');
    // 6 words, 1 + 3 + 1 + 2 + 1 + 3 = 11 syllables: 207 − 1.015 × 6 − 73.6 × 11 / 6 = 65.98
    expect([report.words, report.syllables]).toEqual([6, 11]);
    expect(report).toMatchObject({ formula: 'kandel-moles', ease: 66, grade: 8, fleschKincaidGrade: null });
  });

  it('Amstad (de): "Ihr Arzt erklärt die Behandlung." is 81.4, about grade 6', () => {
    const report = sentence('Ihr Arzt erklärt die Behandlung.', 'de-AT');
    // 5 words, 1 + 1 + 2 + 1 + 3 = 8 syllables: 180 − 5 − 58.5 × 8 / 5 = 81.4
    expect([report.words, report.syllables]).toEqual([5, 8]);
    expect(report).toMatchObject({ formula: 'amstad', ease: 81.4, grade: 6 });
  });

  it('Flesch–Douma (nl): "Uw arts legt de behandeling uit." is 85.8, about grade 6', () => {
    const report = sentence('Uw arts legt de behandeling uit.', 'nl');
    // 6 words, 1 + 1 + 1 + 1 + 4 + 1 = 9 syllables: 206.84 − 0.93 × 6 − 77 × 9 / 6 = 85.76
    expect([report.words, report.syllables]).toEqual([6, 9]);
    expect(report).toMatchObject({ formula: 'flesch-douma', ease: 85.8, grade: 6 });
  });

  it('Flesch for Portuguese (Martins et al.): "O seu médico explica o tratamento." is 59.4, about grade 8', () => {
    const report = sentence('O seu médico explica o tratamento.', 'pt-PT');
    // 6 words, 1 + 1 + 3 + 3 + 1 + 4 = 13 syllables: 248.835 − 1.015 × 6 − 84.6 × 13 / 6 = 59.445
    expect([report.words, report.syllables]).toEqual([6, 13]);
    expect(report).toMatchObject({ formula: 'flesch-martins', ease: 59.4, grade: 8 });
  });

  it('Gulpease (it): "La fisioterapia migliora il movimento del ginocchio." is 67.6, about grade 8', () => {
    const report = sentence('La fisioterapia migliora il movimento del ginocchio.', 'it');
    // 7 words, 2 + 12 + 8 + 2 + 9 + 3 + 9 = 45 letters, 1 sentence: 89 + (300 − 10 × 45) / 7 = 67.57
    expect(report.words).toBe(7);
    expect(report).toMatchObject({ formula: 'gulpease', ease: 67.6, grade: 8 });
  });

  it('Fernández-Huerta (es) keeps its own field and scale', () => {
    expect(sentence('El gato come pan.', 'es-MX')).toMatchObject({
      formula: 'fernandez-huerta',
      ease: 91.3,
      fernandezHuerta: 91.3,
      grade: 4,
    });
  });

  it('Chinese is measured in characters per sentence, its words found by segmentation, not graded', () => {
    const report = sentence('膝蓋是一個大關節。每次您站立都承受體重。', 'zh-Hant');
    // Two sentences (a CJK full stop needs no space after it), 8 + 10 characters; 11 words by ICU's dictionary.
    expect(report.sentences).toBe(2);
    expect(report.charactersPerSentence).toBe(9);
    expect(report.words).toBe(11);
    expect(report).toMatchObject({ formula: null, grade: null, ease: null, fleschKincaidGrade: null });
    // Japanese the same way: 「膝は大きな関節です」 is 9 characters.
    expect(sentence('膝は大きな関節です。', 'ja').charactersPerSentence).toBe(9);
  });

  it('a language with no published formula is measured but not graded', () => {
    const report = sentence('Колено — большой сустав.', 'ru');
    expect(report).toMatchObject({ words: 3, formula: null, grade: null, ease: null, charactersPerSentence: null });
    expect(describeScore(report)).toBeNull();
    expect(describeScore(sentence('Ihr Arzt erklärt die Behandlung.', 'de'))).toBe('Amstad 81.4 (about grade 6)');
    expect(formulaName('flesch-douma')).toBe('Flesch–Douma');
  });
});
