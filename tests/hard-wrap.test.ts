import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rejoinHardWrappedLines } from '../src/corpus/hard-wrap.js';
import { parseArticle } from '../src/corpus/parse.js';

// Project-written paragraphs (a wire brief), wrapped below the way a mail client or an old archive does it.
const HEADLINE = 'افتتاح المستشفى الجامعي الجديد في أكادير';
const PARAGRAPHS = [
  'افتتح المستشفى الجامعي بأكادير أبوابه أمام المرضى يوم الاثنين، بطاقة استيعابية تبلغ 867 سريرا، بعد أشغال دامت خمس سنوات وكلفت أكثر من ملياري درهم، وفق ما أعلنته وزارة الصحة في بلاغ لها.',
  'ويضم المستشفى أقساما لجراحة القلب والأورام وطب الأطفال والمستعجلات، إضافة إلى مركز للتكوين يستقبل طلبة كلية الطب والصيدلة بالمدينة، ومختبرات للبحث في الأمراض المعدية.',
  'وكان سكان جهة سوس ماسة يضطرون إلى التنقل نحو مراكش أو الرباط لتلقي العلاجات المتخصصة.',
];

/** Greedy wrap at `width` characters: what `fmt -w 78` does. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

describe('hard-wrapped text', () => {
  it('re-joins lines cut mid-sentence and keeps the headline and the paragraphs', () => {
    for (const separator of [[''], []]) {
      // With a blank line between paragraphs, and without (EASC's files have none).
      const raw = [HEADLINE, '', ...PARAGRAPHS.flatMap((p, i) => [...(i ? separator : []), ...wrap(p, 78)])].join('\n');
      expect(raw.split('\n').length).toBeGreaterThan(PARAGRAPHS.length + 3);
      const article = parseArticle('wrapped', raw);
      expect(article.title).toBe(HEADLINE);
      expect(article.paragraphs).toEqual(PARAGRAPHS);
    }
  });

  it('leaves files with one paragraph per line alone (every seed)', () => {
    for (const file of readdirSync('seeds')) {
      const lines = readFileSync(path.join('seeds', file), 'utf8').split(/\r?\n/);
      expect(rejoinHardWrappedLines(lines), file).toEqual(lines);
    }
  });

  it('leaves a list of short unpunctuated lines alone', () => {
    const lines = ['أخبار اليوم', 'الرياضة', 'الاقتصاد والمال', 'الطقس في المدن المغربية', 'مقالات الرأي'];
    expect(rejoinHardWrappedLines(lines)).toEqual(lines);
  });

  const topic16 = '../shared/data/easc-wikipedia/Articles/Topic16/education (6).txt';
  it.skipIf(!existsSync(topic16))('re-joins EASC Topic16 (wrapped at 100–116 characters) into its six paragraphs', () => {
    const article = parseArticle('topic16', readFileSync(topic16, 'utf8'));
    expect(article.paragraphs).toHaveLength(6);
    for (const p of article.paragraphs) expect(p).toMatch(/\.$/);
  });
});
