import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importArticle } from '../../src/import/index.js';
import { makeProject, removeProject } from '../helpers/project.js';

const root = makeProject({}, { samples: false });
afterAll(() => removeProject(root));

function page(name: string, head: string, htmlAttributes: string, title: string, text: string): string {
  const file = join(root, `${name}.html`);
  writeFileSync(
    file,
    `<!doctype html><html${htmlAttributes}><head>${head}<title>${title}</title></head><body><article><h1>${title}</h1><p>${text}</p></article></body></html>`,
  );
  return file;
}

/** Two sentences a clinic might write after surgery, in the languages clinics hand out most. */
const texts: Record<string, [string, string]> = {
  es: [
    'Después de la cirugía',
    'Tome el medicamento después de comer y descanse bien durante los primeros tres días. Si el dolor empeora, llame a la clínica.',
  ],
  fr: [
    'Après l’opération',
    'Prenez le médicament après les repas et reposez-vous bien pendant les trois premiers jours. Si la douleur augmente, appelez la clinique.',
  ],
  de: [
    'Nach der Operation',
    'Nehmen Sie das Medikament nach dem Essen ein und ruhen Sie sich in den ersten drei Tagen gut aus. Wenn die Schmerzen stärker werden, rufen Sie die Praxis an.',
  ],
  pt: [
    'Depois da cirurgia',
    'Tome o medicamento depois das refeições e descanse bem durante os três primeiros dias. Se a dor piorar, ligue para a clínica.',
  ],
  vi: [
    'Sau khi phẫu thuật',
    'Bệnh nhân nên uống thuốc sau bữa ăn và nghỉ ngơi đầy đủ trong ba ngày đầu tiên. Nếu đau nhiều hơn, hãy gọi cho phòng khám.',
  ],
  ko: [
    '수술 후 관리',
    '수술 후 처음 사흘 동안은 식사 후에 약을 드시고 충분히 쉬십시오. 통증이 심해지면 병원에 연락하세요.',
  ],
  ja: [
    '手術の後に',
    '手術後の最初の三日間は、食後に薬を飲んで十分に休んでください。痛みがひどくなったら、病院に連絡してください。',
  ],
  ru: [
    'После операции',
    'Принимайте лекарство после еды и хорошо отдыхайте в первые три дня. Если боль усилится, позвоните в клинику.',
  ],
  uk: [
    'Після операції',
    'Приймайте ліки після їжі та добре відпочивайте протягом перших трьох днів. Якщо біль посилиться, зателефонуйте до клініки.',
  ],
  pl: [
    'Po operacji',
    'Przyjmuj lek po posiłku i dobrze odpoczywaj przez pierwsze trzy dni. Jeśli ból się nasili, zadzwoń do przychodni.',
  ],
  tl: [
    'Pagkatapos ng operasyon',
    'Inumin ang gamot pagkatapos kumain at magpahinga nang husto sa unang tatlong araw. Kung lumala ang sakit, tumawag sa klinika.',
  ],
  ar: [
    'بعد العملية',
    'تناول الدواء بعد الوجبات واسترح جيدًا خلال الأيام الثلاثة الأولى. إذا ازداد الألم، اتصل بالعيادة.',
  ],
  fa: [
    'پس از عمل',
    'دارو را بعد از غذا مصرف کنید و در سه روز اول به خوبی استراحت کنید. اگر درد بیشتر شد، با درمانگاه تماس بگیرید.',
  ],
  'zh-Hant': [
    '手術後的護理',
    '手術後首三天，請在飯後服藥並好好休息。如果疼痛加劇，請聯絡診所。這些運動可以幫助你的膝蓋恢復。',
  ],
  'zh-Hans': [
    '手术后的护理',
    '手术后头三天，请在饭后服药并好好休息。如果疼痛加剧，请联系诊所。这些运动可以帮助你的膝盖恢复。',
  ],
};

describe("import: the article's language (issue 20)", () => {
  it('takes <html lang> first, whatever the text: zh-Hant-HK stays zh-Hant-HK', () => {
    const [title, text] = texts['zh-Hant'] as [string, string];
    const result = importArticle(page('hk', '', ' lang="zh-Hant-HK"', title, text));
    expect(result.lang).toBe('zh-Hant-HK');
    expect(result.markdown).toMatch(/^lang: zh-Hant-HK$/m);
    expect(result.report.warnings.join('\n')).not.toMatch(/language/);
  });

  it('takes the first tag of Content-Language when <html> has no lang, and writes en_US as en-US', () => {
    const [title, text] = texts.de as [string, string];
    const meta = '<meta http-equiv="Content-Language" content="de-CH, fr-CH">';
    expect(importArticle(page('ch', meta, '', title, text)).lang).toBe('de-CH');
    const [enTitle] = ['Cold packs'];
    const english = 'Hold the cold pack on the sore spot for up to fifteen minutes, then let the skin warm up again.';
    expect(importArticle(page('us', '', ' lang="en_US"', enTitle, english)).lang).toBe('en-US');
  });

  it.each(Object.keys(texts))('detects %s when the page declares nothing', (lang) => {
    const [title, text] = texts[lang] as [string, string];
    const result = importArticle(page(`detect-${lang}`, '', '', title, text));
    expect(result.lang).toBe(lang);
    expect(result.report.warnings.join('\n')).not.toMatch(/language/);
  });

  it('keeps a declared language the text contradicts, with a warning naming both', () => {
    const [title, text] = texts.es as [string, string];
    const result = importArticle(page('theme-default', '', ' lang="en-US"', title, text));
    expect(result.lang).toBe('en-US');
    expect(result.report.warnings).toContain(
      'the page says its language is "en-US", but its text reads as es: kept "en-US"; pass --lang es if the text is right',
    );
  });

  it('detects the language when the declared one is not a language tag, and says so', () => {
    const [title, text] = texts.fr as [string, string];
    const result = importArticle(page('bad-tag', '', ' lang="french"', title, text));
    expect(result.lang).toBe('fr');
    expect(result.report.warnings).toContain(
      'the page\'s language "french" is not a language tag: the language was detected instead',
    );
  });
});
