import { createReadStream, existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { createGunzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitSentences } from '../src/arabic/sentences.js';
import type { Article } from '../src/corpus/article.js';
import { foldLine } from '../src/corpus/chrome.js';
import { inferWeekdayDate, isDateLine, parseArabicDate } from '../src/corpus/dates.js';
import { bylineName, namedSource, parseDateline } from '../src/corpus/dateline.js';
import { loadCorpus, MAX_ARTICLE_BYTES } from '../src/corpus/load.js';
import { parseArticle, UnusableArticleError } from '../src/corpus/parse.js';
import { NashraError } from '../src/engine/errors.js';
import { benchmarkData } from './support/prerequisites.js';

const SEEDS = path.join(import.meta.dirname, '..', 'seeds');
const tempDirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nashra-corpus-'));
  tempDirs.push(dir);
  return dir;
}
async function copySeeds(dir: string): Promise<void> {
  for (const f of await readdir(SEEDS)) await copyFile(path.join(SEEDS, f), path.join(dir, f));
}
afterAll(async () => {
  await Promise.all(tempDirs.map((d) => rm(d, { recursive: true, force: true })));
});

let seeds: Map<string, Article>;
const seed = (prefix: string): Article => [...seeds.values()].find((a) => a.id.startsWith(prefix))!;

beforeAll(async () => {
  const load = await loadCorpus(SEEDS);
  seeds = new Map(load.articles.map((a) => [a.id, a]));
});

describe('loading the seed corpus', () => {
  it('loads all five seeds, ids are the file names without extension, in sorted order, with no warnings', async () => {
    const load = await loadCorpus(SEEDS);
    expect(load.warnings).toEqual([]);
    const files = (await readdir(SEEDS)).sort();
    expect(load.articles.map((a) => a.id)).toEqual(files.map((f) => f.replace(/\.txt$/, '')));
    expect(load.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    for (const a of load.articles) expect(Number.isNaN(Date.parse(a.addedAt))).toBe(false);
  });
});

describe('titles (checked against the seed files by reading them)', () => {
  it('000: the first of three headline variants, once, and none of them in the body', () => {
    const a = seed('000');
    expect(a.title).toBe('أمريكا تشيد بدور المغرب في محاربة الإرهاب بوصفه رائد عالمي في هذا المجال');
    expect(a.paragraphs.some((p) => p.startsWith('امريكا تشيد') || p.startsWith('أمريكا تشيد'))).toBe(false);
  });

  it('001: the headline, not the section label «أخبار عربية ودولية» standing before it', () => {
    const a = seed('001');
    expect(a.title).toBe('التحالف الدولي لمحاربة داعش يجتمع في المغرب وسط مخاوف بتهديده أفريقيا');
    expect(a.paragraphs).not.toContain('أخبار عربية ودولية');
  });

  it('002: the first line; the two standfirst lines stay as paragraphs', () => {
    const a = seed('002');
    expect(a.title).toBe('التزام مغربي أميركي ثابت بمكافحة الإرهاب');
    expect(a.paragraphs[0].startsWith('وزير الخارجية المغربي والمنسق الأميركي')).toBe(true);
    expect(a.paragraphs[1]).toBe('واشنطن تعرب عن استعدادها لتعزيز مكافحة الإرهاب مع الرباط');
  });

  it('003: the headline after the bullets, «عاجل» and the date line, once; subheads are paragraphs, not the title', () => {
    const a = seed('003');
    expect(a.title).toBe('إلى جانب أمريكا وإيطاليا.. المغرب ضمن قادة التحالف الدولي لهزيمة “داعش”');
    expect(a.paragraphs).not.toContain(a.title);
    expect(a.paragraphs).toContain('المغرب.. شريك استراتيجي');
    expect(a.paragraphs).toContain('هزيمة داعش.. تحالف دولي');
  });

  it('004 (no headline line): a short title cut from the first sentence at a word boundary', () => {
    const a = seed('004');
    expect(a.title.length).toBeLessThanOrEqual(91);
    expect(a.title.length).toBeGreaterThan(30);
    expect(a.title.startsWith('إنطلقت صبيحة أمس الأربعاء 11 مايو بمدينة مراكش')).toBe(true);
    const first = a.paragraphs[0];
    expect(first.startsWith(a.title.replace(/…$/, ''))).toBe(true);
    // Cut between words: the character after the cut in the paragraph is not a letter.
    expect(first[a.title.replace(/…$/, '').length]).toMatch(/[\s،,]/);
    // The first paragraph itself stays whole in the body.
    expect(first.endsWith('ممثلي أكثر من 80 بلدا ومنظمة دولية.')).toBe(true);
  });
});

describe('site chrome is removed', () => {
  const CHROME = [
    'مقالات ذات صلة',
    'أضف تعليقك',
    'اترك تعليقاً',
    'لن يتم نشر عنوان بريدك الإلكتروني',
    'الحقول الإلزامية',
    'اظهر المزيد',
    'زر الذهاب إلى الأعلى',
    'عاجل',
    'أخبار عربية ودولية',
    'ما5تيفيمحمد الرداف',
    'الرداف',
  ];
  it('no chrome string appears in any paragraph of any seed', () => {
    for (const a of seeds.values()) {
      for (const p of a.paragraphs) for (const c of CHROME) expect(p, `${a.id}: ${p}`).not.toContain(c);
    }
  });

  it('seed 003: the bullet list of other articles and the date line are gone', () => {
    const a = seed('003');
    for (const p of a.paragraphs) expect(p).not.toMatch(/^[•]/);
    const all = a.paragraphs.join('\n');
    expect(all).not.toContain('تشابي خلفا لأنشيلوتي');
    expect(all).not.toContain('المباني الآيلة للسقوط');
    expect(all).not.toContain('على الساعة 12:30');
    expect(a.paragraphs[0].startsWith('انضم المغرب إلى النيجر')).toBe(true);
  });

  it('paragraphs are clean: NFKC (no presentation forms), trimmed, no NBSP-only or doubled spaces', () => {
    for (const a of seeds.values()) {
      for (const p of a.paragraphs) {
        expect(p).toBe(p.trim());
        expect(p).not.toMatch(/[\u00A0\uFB50-\uFDFF\uFE70-\uFEFF]/u);
        expect(p).not.toMatch(/\s\s/);
        expect(p.length).toBeGreaterThan(0);
      }
    }
    // Seed 002's last line is written with presentation forms (ﺍﺳﺘﺮاﺗﻴﺠﻴﺔ); after NFKC it reads as plain letters.
    expect(seed('002').paragraphs.at(-1)).toContain('التحتية الاستراتيجية والحساسة');
  });

  it('keeps a sensible number of paragraphs: every body line of each seed (counted by reading the files)', () => {
    expect(seed('000').paragraphs).toHaveLength(9);
    expect(seed('001').paragraphs).toHaveLength(12);
    expect(seed('002').paragraphs).toHaveLength(13);
    expect(seed('003').paragraphs).toHaveLength(11);
    expect(seed('004').paragraphs).toHaveLength(8);
    expect(seed('000').paragraphs.at(-1)!.endsWith('في مجال مكافحة الإرهاب والتطرف.')).toBe(true);
    expect(seed('001').paragraphs.at(-1)).toBe('وحضرت مساعدته للشؤون السياسية فيكتوريا نولاند لتمثيل الولايات المتحدة في الاجتماع.');
  });
});

describe('dates', () => {
  it('seed 003 is dated 2021-12-03 from its header date line', () => {
    expect(seed('003').date).toBe('2021-12-03');
  });

  it('the other seeds have no full publication date: nothing in their text tells the year', () => {
    // 000: «اليوم», «غدا الأربعاء», no day; 001: «اليوم الأربعاء», no day («أيلول/سبتمبر 2014» is a past event);
    // 002: «الخميس» only; 004: «أمس الأربعاء 11 مايو» has no year, and no year is written anywhere in it.
    for (const p of ['000', '001', '002', '004']) expect(seed(p).date, p).toBeNull();
  });

  it('seed 004 keeps the day it gives without a year: «أمس الأربعاء 11 مايو» → published Thursday 12 May', () => {
    expect(seed('004').dayWithoutYear).toEqual({ month: 5, day: 12, weekday: 4 });
    for (const p of ['000', '001', '002', '003']) expect(seed(p).dayWithoutYear, p).toBeUndefined();
  });

  it('resolves weekday + day + month when only one year fits the calendar and the text', () => {
    const lead = 'إنطلقت صبيحة أمس الأربعاء 11 مايو بمدينة مراكش أشغال اجتماع التحالف الدولي ضد داعش.';
    const added = '2026-12-02T10:00:00.000Z';
    // 11 May was a Wednesday in 2016 and 2022; the text writes 2014 and 2022, so 2022..2026 → only 2022; «أمس» → the 12th.
    expect(inferWeekdayDate([lead], `${lead}\nتأسس التحالف في 2014 واجتمع في 2022.`, added)).toEqual({ date: '2022-05-12', dayWithoutYear: { month: 5, day: 12, weekday: 4 } });
    // Only 2014 written: 2016 and 2022 both fit up to 2026 → not resolved, the day is kept.
    expect(inferWeekdayDate([lead], `${lead}\nتأسس التحالف في 2014.`, added)?.date).toBeNull();
    // No year written at all (seed 004), or no time the file was added: not resolved.
    expect(inferWeekdayDate([lead], lead, added)?.date).toBeNull();
    expect(inferWeekdayDate([lead], `${lead} 2022`, null)?.date).toBeNull();
    // «اليوم» is the day itself, «غدا» the day before; a weekday that does not match the day gives nothing.
    expect(inferWeekdayDate(['عقد المجلس اجتماعه اليوم الأربعاء 11 مايو.'], '2022', added)?.date).toBe('2022-05-11');
    expect(inferWeekdayDate(['ينعقد المؤتمر غدا الأربعاء 11 مايو.'], '2022', added)?.date).toBe('2022-05-10');
    expect(inferWeekdayDate(['عقد المجلس اجتماعه اليوم الجمعة 11 مايو.'], '2022', added)?.date).toBeNull(); // no Friday 11 May in 2022–2026
    // A line that is only a date counts without «اليوم»; prose without it is an event's day, not the article's.
    expect(inferWeekdayDate(['الأربعاء 11 ماي على الساعة 10:30'], 'منذ 2022', added)?.date).toBe('2022-05-11');
    expect(inferWeekdayDate(['يعقد البرلمان جلسة الأربعاء 11 مايو.'], '2022', added)).toBeNull();
    // A full date is parseArabicDate's, not this.
    expect(inferWeekdayDate(['اليوم الأربعاء 11 مايو 2022'], '2022', added)).toBeNull();
  });

  it('uses the weekday inference in parseArticle, with the time the file was added as the latest possible year', () => {
    const raw = 'اجتماع وزاري في الرباط\n\nالرباط ـ عقد وزراء الخارجية اجتماعهم اليوم الخميس 12 مايو في الرباط، بعد اجتماع مماثل سنة 2021.\n';
    expect(parseArticle('x', raw, '2026-01-01T00:00:00.000Z').date).toBe('2022-05-12');
    expect(parseArticle('x', raw).date).toBeNull(); // no time of addition: the year stays open
  });

  it('parseArabicDate reads the regional month names, Arabic-Indic digits and numeric forms', () => {
    expect(parseArabicDate('الجمعة 03 ديسمبر 2021 على الساعة 12:30')).toBe('2021-12-03');
    expect(parseArabicDate('الخميس 7 يوليوز 2022')).toBe('2022-07-07');
    expect(parseArabicDate('1 غشت 2021')).toBe('2021-08-01');
    expect(parseArabicDate('12 دجنبر 2020')).toBe('2020-12-12');
    expect(parseArabicDate('27 شتنبر 2019')).toBe('2019-09-27');
    expect(parseArabicDate('3 ماي 2022')).toBe('2022-05-03');
    expect(parseArabicDate('4 نونبر 2018')).toBe('2018-11-04');
    expect(parseArabicDate('15 أغسطس 2020')).toBe('2020-08-15');
    expect(parseArabicDate('الأربعاء ١١ أيار ٢٠٢٢')).toBe('2022-05-11');
    expect(parseArabicDate('3 تشرين الأول 2020')).toBe('2020-10-03');
    expect(parseArabicDate('5 كانون الثاني، 2019')).toBe('2019-01-05');
    expect(parseArabicDate('20 آب 2021')).toBe('2021-08-20');
    expect(parseArabicDate('10 أيلول/سبتمبر 2014')).toBe('2014-09-10');
    expect(parseArabicDate('10 سبتمبر (أيلول) 2014')).toBe('2014-09-10');
    expect(parseArabicDate('03/12/2021')).toBe('2021-12-03');
    expect(parseArabicDate('٠٣/١٢/٢٠٢١')).toBe('2021-12-03');
    expect(parseArabicDate('2021-12-03')).toBe('2021-12-03');
  });

  it('parseArabicDate gives null without a full, real date', () => {
    expect(parseArabicDate('أيلول/سبتمبر 2014')).toBeNull();
    expect(parseArabicDate('الأربعاء 11 مايو')).toBeNull();
    expect(parseArabicDate('في 27 شتنبر بنيويورك')).toBeNull(); // seed 002: no year
    expect(parseArabicDate('31/02/2021')).toBeNull();
    expect(parseArabicDate('الخميس')).toBeNull();
    expect(parseArabicDate('')).toBeNull();
  });

  it('isDateLine tells a date line from a headline that contains a date', () => {
    expect(isDateLine('الجمعة 03 ديسمبر 2021 على الساعة 12:30')).toBe(true);
    expect(isDateLine('نشر في: 2021/12/03 - 10:00')).toBe(true);
    expect(isDateLine('التحالف الدولي يجتمع في مراكش يوم 11 مايو 2022 لبحث خطر داعش')).toBe(false);
  });
});

describe('source and dateline', () => {
  it('seed 001: «مراكش/المغرب-(د ب أ):» alone on its line gives source «د ب أ» and is removed', () => {
    const a = seed('001');
    expect(a.source).toBe('د ب أ');
    expect(a.dateline).toBe('مراكش/المغرب');
    expect(a.paragraphs[0].startsWith('عقد التحالف الدولي لمحاربة تنظيم داعش')).toBe(true);
    expect(a.paragraphs.join('\n')).not.toContain('(د ب أ)');
    // «وفق وكالة المغرب العربي للانباء “ماب”» stays prose and is not the source.
    expect(a.paragraphs[1]).toContain('“ماب”');
  });

  it('seed 002: «الرباط ـ» is a dateline without agency; the agency the lead credits is the source', () => {
    const a = seed('002');
    // «جاء ذلك خلال لقائهما بالعاصمة بالمغربية الرباط، بحسب وكالة الأنباء المغربية الرسمية.»
    expect(a.source).toBe('وكالة الأنباء المغربية الرسمية');
    expect(a.dateline).toBe('الرباط');
    expect(a.paragraphs[2].startsWith('الرباط ـ بحث وزير الخارجية المغربي ناصر بوريطة')).toBe(true);
  });

  it('seeds without a dateline: the outlet the text names, else nothing', () => {
    for (const p of ['000', '003', '004']) expect(seed(p).dateline, p).toBeUndefined();
    // «في تصريح لموقع “كيفاش”»: the outlet that got the statement is the one publishing it.
    expect(seed('003').source).toBe('كيفاش');
    // 000's byline «ما5تيفيمحمد الرداف» is mangled (no name can be cut out reliably); 004 names no source.
    expect(seed('000').source).toBeNull();
    expect(seed('004').source).toBeNull();
  });

  it('namedSource and bylineName read only what the text says', () => {
    expect(namedSource('وقال الوزير، حسب وكالة المغرب العربي للأنباء، إن')).toBe('وكالة المغرب العربي للأنباء');
    expect(namedSource('وفي حديث خاص لجريدة «الصباح» قال')).toBe('الصباح');
    expect(namedSource('وحسب الموقع الرسمي للتحالف، فهذا الأخير')).toBeNull(); // where a fact comes from
    expect(namedSource('قال مصدر مطلع إن الاجتماع')).toBeNull();
    expect(bylineName('بقلم: محمد الرداف')).toBe('محمد الرداف');
    expect(bylineName('ما5تيفيمحمد الرداف')).toBeNull();
    const withByline = parseArticle('b', 'عنوان الخبر هنا\nكتب: سارة بنعلي\nافتتح المعرض أبوابه صباح اليوم أمام الزوار القادمين من مدن عدة.\n');
    expect(withByline.source).toBe('سارة بنعلي');
  });

  it('parseDateline reads the usual wire forms and leaves prose alone', () => {
    expect(parseDateline('القاهرة (رويترز) - قال')).toEqual({ place: 'القاهرة', source: 'رويترز', rest: 'قال' });
    expect(parseDateline('باريس - أ ف ب: أعلن')).toEqual({ place: 'باريس', source: 'أ ف ب', rest: 'أعلن' });
    expect(parseDateline('الطالبي العلمي: العمق الإفريقي المشترك')).toBeNull();
    expect(parseDateline('كوفيد - 19 يعود')).toBeNull();
    expect(parseDateline('انطلقت في مدينة مراكش المغربية اليوم أشغال الاجتماع الوزاري لـ«التحالف')).toBeNull();
    // Same shapes as a dateline, seen in SaudiNewsNet: a speaker with a role, an age apposition, a clitic's kashida.
    expect(parseDateline('وقال أنس الراجحي (محلل سوق الأسهم): تبدأ الأسواق')).toBeNull();
    expect(parseDateline('تعرضت البريطانية "ويندي باربر" - 44 عاماً- لهجوم')).toBeNull();
    expect(parseDateline('الأسد يلوذ بـ«سوريا المفيدة»')).toBeNull();
    expect(parseDateline('* أنقرة - «الشرق الأوسط»: أعلنت تركيا')).toEqual({ place: 'أنقرة', source: 'الشرق الأوسط', rest: 'أعلنت تركيا' });
  });
});

describe('front matter', () => {
  it('overrides title, date, source and url, and keeps the body', async () => {
    const raw = await readFile(path.join(SEEDS, '003_a6a047dd21cfc6cd.txt'), 'utf8');
    const withFrontMatter = [
      '---',
      'title: "المغرب في قيادة التحالف ضد داعش"',
      'date: 2021-12-04',
      'source: كيفاش',
      'url: https://example.org/a/1',
      'author: ignored',
      '---',
      raw,
    ].join('\n');
    const a = parseArticle('x', withFrontMatter);
    expect(a.title).toBe('المغرب في قيادة التحالف ضد داعش');
    expect(a.date).toBe('2021-12-04');
    expect(a.source).toBe('كيفاش');
    expect(a.url).toBe('https://example.org/a/1');
    expect(a.paragraphs.some((p) => p.startsWith('انضم المغرب إلى النيجر'))).toBe(true);
    expect(a.paragraphs.join('\n')).not.toContain('---');
  });

  it('a front-matter date that is not a date is reported and the inferred date is kept', async () => {
    const dir = await tempDir();
    const raw = await readFile(path.join(SEEDS, '003_a6a047dd21cfc6cd.txt'), 'utf8');
    await writeFile(path.join(dir, 'a.md'), `---\ndate: soon\n---\n${raw}`);
    const load = await loadCorpus(dir);
    expect(load.articles[0].date).toBe('2021-12-03');
    expect(load.warnings).toHaveLength(1);
    expect(load.warnings[0]).toContain('a.md');
    expect(load.warnings[0]).toContain('soon');
  });
});

describe('encodings and line endings', () => {
  it('a UTF-8 BOM and CRLF line endings parse exactly like the plain file (seed 001)', async () => {
    const raw = await readFile(path.join(SEEDS, '001_ac174d486c1c24cb.txt'), 'utf8');
    const plain = parseArticle('001', raw);
    const dir = await tempDir();
    await writeFile(path.join(dir, '001.txt'), `\uFEFF${raw.replace(/\n/g, '\r\n')}`);
    const load = await loadCorpus(dir);
    expect(load.warnings).toEqual([]);
    expect({ ...load.articles[0], addedAt: plain.addedAt }).toEqual(plain);
  });
});

describe('files that cannot be articles', () => {
  it('each is skipped with one warning naming it and the reason; the seeds still load', async () => {
    const dir = await tempDir();
    await copySeeds(dir);
    await writeFile(path.join(dir, 'empty.txt'), '');
    await writeFile(path.join(dir, 'blank.md'), ' \n\u00A0\n\t\n');
    await writeFile(path.join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a, 0x0a]));
    await writeFile(path.join(dir, 'latin1.txt'), Buffer.from('caf\xe9 au lait', 'latin1'));
    await writeFile(path.join(dir, 'utf16.txt'), Buffer.from('\uFEFFمرحبا', 'utf16le'));
    await writeFile(path.join(dir, 'huge.txt'), Buffer.alloc(MAX_ARTICLE_BYTES + 1, 0x61));
    await writeFile(path.join(dir, 'chrome-only.txt'), 'عاجل\n\nمقالات ذات صلة\n\nأضف تعليقك\n');
    const seedCopy = await readFile(path.join(SEEDS, '002_9744522dcfbc0ba7.txt'));
    // Same id as the seed's .txt; files are read in sorted order, so the .md loads and the .txt is the one skipped.
    await writeFile(path.join(dir, '002_9744522dcfbc0ba7.md'), seedCopy);
    // Ignored silently: hidden files, subfolders, other extensions.
    await writeFile(path.join(dir, '.hidden.txt'), '');
    await mkdir(path.join(dir, 'sub.txt'));
    await writeFile(path.join(dir, 'sub.txt', 'inner.txt'), '');
    await writeFile(path.join(dir, 'notes.pdf'), Buffer.from([0]));

    const load = await loadCorpus(dir);
    expect(load.articles.map((a) => a.id)).toEqual((await readdir(SEEDS)).sort().map((f) => f.replace('.txt', '')));
    const expected: Record<string, RegExp> = {
      'empty.txt': /empty/,
      'blank.md': /empty/,
      'binary.txt': /binary/,
      'latin1.txt': /UTF-8/,
      'utf16.txt': /UTF-16/,
      'huge.txt': /too large/,
      'chrome-only.txt': /no article text/,
      '002_9744522dcfbc0ba7.txt': /same id "002_9744522dcfbc0ba7" as 002_9744522dcfbc0ba7\.md/,
    };
    expect(load.warnings).toHaveLength(Object.keys(expected).length);
    for (const [name, reason] of Object.entries(expected)) {
      const matching = load.warnings.filter((w) => w.startsWith(path.join(dir, name) + ':'));
      expect(matching, name).toHaveLength(1);
      expect(matching[0]).toMatch(reason);
    }
  });

  it('parseArticle refuses a text with nothing but chrome', () => {
    expect(() => parseArticle('x', 'مقالات ذات صلة\nاترك تعليقاً\nزر الذهاب إلى الأعلى')).toThrow(UnusableArticleError);
  });

  it('a missing corpus folder is a CORPUS_MISSING error; so is a file given as the folder', async () => {
    const dir = await tempDir();
    await expect(loadCorpus(path.join(dir, 'nope'))).rejects.toMatchObject({ code: 'CORPUS_MISSING' });
    await writeFile(path.join(dir, 'file.txt'), 'x');
    const err = await loadCorpus(path.join(dir, 'file.txt')).catch((e) => e);
    expect(err).toBeInstanceOf(NashraError);
    expect(err.code).toBe('CORPUS_MISSING');
    expect(err.message).toContain('file.txt');
  });
});

describe('fingerprint', () => {
  it('changes when a file is edited, added or removed, and not when nothing changed', async () => {
    const dir = await tempDir();
    await copySeeds(dir);
    const base = (await loadCorpus(dir)).fingerprint;
    expect((await loadCorpus(dir)).fingerprint).toBe(base);

    // Touching a file without changing it does not force a re-index: the hash is over contents.
    const file = path.join(dir, '000_d205d9a2c65192af.txt');
    await utimes(file, new Date(), new Date(Date.now() + 60_000));
    expect((await loadCorpus(dir)).fingerprint).toBe(base);

    const original = await readFile(file, 'utf8');
    await writeFile(file, original.replace('أمريكا تشيد', 'أمريكا تشيـد'));
    const edited = (await loadCorpus(dir)).fingerprint;
    expect(edited).not.toBe(base);

    await writeFile(file, original);
    expect((await loadCorpus(dir)).fingerprint).toBe(base);

    await copyFile(file, path.join(dir, 'extra.txt'));
    expect((await loadCorpus(dir)).fingerprint).not.toBe(base);
    await rm(path.join(dir, 'extra.txt'));
    await rm(path.join(dir, '004_ac25720035563210.txt'));
    expect((await loadCorpus(dir)).fingerprint).not.toBe(base);
  });

  it('changes when a skipped file is edited (fixing a broken file must re-index)', async () => {
    const dir = await tempDir();
    await copySeeds(dir);
    await writeFile(path.join(dir, 'broken.txt'), '');
    const before = await loadCorpus(dir);
    await copyFile(path.join(SEEDS, '003_a6a047dd21cfc6cd.txt'), path.join(dir, 'broken.txt'));
    const after = await loadCorpus(dir);
    expect(after.fingerprint).not.toBe(before.fingerprint);
    expect(after.articles).toHaveLength(6);
  });
});

// Benchmark data lives outside the repository (../shared/data): skipped, saying why, where it is absent.
const saudiNews = benchmarkData('saudinewsnet/saudinewsnet.jsonl.gz');
const SAUDI_NEWS = saudiNews.file;

describe.skipIf(saudiNews.skip)(`SaudiNewsNet sample (first 1,000 articles with content)${saudiNews.note}`, () => {
  it('recovers the newspaper headline as the title, loses no text to sentence splitting, and rarely gives up', async () => {
    const lines = readline.createInterface({ input: createReadStream(SAUDI_NEWS).pipe(createGunzip()) });
    let total = 0;
    let titled = 0;
    let unusable = 0;
    for await (const line of lines) {
      const record = JSON.parse(line) as { title: string; content: string };
      if (!record.content?.trim()) continue;
      total++;
      let article: Article;
      try {
        article = parseArticle(`snn-${total}`, `${record.title}\n\n${record.content}`);
      } catch (err) {
        expect(err).toBeInstanceOf(UnusableArticleError);
        unusable++;
        continue;
      }
      if (foldLine(article.title) === foldLine(record.title)) titled++;
      for (const p of article.paragraphs) {
        expect(splitSentences(p).join('').replace(/\s/g, '')).toBe(p.replace(/\s/g, ''));
      }
      if (total === 1000) break;
    }
    lines.close();
    expect(total).toBe(1000);
    // Measured on this sample: 982 titles exact, no unusable article. The 18 others are column names standing
    // before the item's own headline («بين الخطأ والصواب», «موجز أخبار», «DVD»); the parser reads them as
    // section labels, which is what they are.
    expect(titled).toBeGreaterThanOrEqual(970);
    expect(unusable).toBeLessThanOrEqual(5);
  });
});

describe('listing a large folder', () => {
  // Above 4,000 files the compiled listing stats in a worker thread (src/corpus/stat-worker.ts); run from the
  // TypeScript sources it stats in this thread. Both must see the same files: npm test builds dist first.
  it('the worker and the in-thread listing agree, on hidden files, subfolders and symlinks included', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'nashra-listing-'));
    try {
      const writes: Promise<void>[] = [];
      for (let i = 0; i < 4_200; i++) writes.push(writeFile(path.join(dir, `a-${String(i).padStart(5, '0')}.md`), 'خبر\n'.repeat(1 + (i % 7))));
      await Promise.all(writes);
      await writeFile(path.join(dir, '.hidden.md'), 'x');
      await writeFile(path.join(dir, 'notes.pdf'), 'x');
      await mkdir(path.join(dir, 'sub.md'));
      const { symlink } = await import('node:fs/promises');
      await symlink(path.join(dir, 'a-00001.md'), path.join(dir, 'link.md'));
      await symlink(path.join(dir, 'missing.md'), path.join(dir, 'broken.md'));
      await utimes(path.join(dir, 'a-00002.md'), new Date('2020-01-02T03:04:05.678Z'), new Date('2020-01-02T03:04:05.678Z'));

      const { listArticleFiles } = await import('../src/corpus/files.js');
      const inThread = await listArticleFiles(dir);
      const compiled = path.resolve('dist/src/corpus/files.js');
      const { execFileSync } = await import('node:child_process');
      // The listing as the CLI makes it, and the stat worker's own answer (the listing falls back to stat'ing in
      // its thread when a worker cannot start, which would hide a broken worker).
      const worker = path.resolve('dist/src/corpus/stat-worker.js');
      const script = `const { listArticleFiles } = await import(${JSON.stringify(pathToFileURLString(compiled))});
        const { Worker } = await import('node:worker_threads');
        const names = ['a-00000.md', 'link.md', 'broken.md', 'sub.md'];
        const w = new Worker(${JSON.stringify(worker)}, { workerData: { dir: ${JSON.stringify(dir)}, names: names.join('\\0') }, execArgv: [] });
        const direct = await new Promise((resolve, reject) => { w.once('message', resolve); w.once('error', reject); });
        process.stdout.write(JSON.stringify({ listing: await listArticleFiles(${JSON.stringify(dir)}), isFile: [...direct.isFile], sizes: [...direct.sizes] }));`;
      const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
      const inWorker = out.listing;
      expect(out.isFile).toEqual([1, 1, 0, 0]);
      expect(out.sizes.slice(0, 2)).toEqual([Buffer.byteLength('خبر\n'), Buffer.byteLength('خبر\n'.repeat(2))]);

      expect(inThread).toHaveLength(4_201); // 4,200 files and the link to one of them
      expect(inWorker).toEqual(inThread);
      expect(Math.round(inThread.find((e) => e.name === 'a-00002.md')!.mtimeMs)).toBe(Date.parse('2020-01-02T03:04:05.678Z'));
      expect(inThread.some((e) => ['.hidden.md', 'notes.pdf', 'sub.md', 'broken.md'].includes(e.name))).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

function pathToFileURLString(file: string): string {
  return new URL(`file://${file}`).href;
}
