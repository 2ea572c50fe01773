/**
 * Bumped whenever quotation extraction changes what it finds or whom it names: articles stored with quotations
 * from an older extractor are analyzed again at the next start-up (src/engine/sync.ts), so the store never mixes
 * the output of two extractors.
 * quotes-2 (issue 9): speakerKind, organisations named in full, speakers re-attributed.
 * quotes-3 (issue 9, second round): names completed from the article's own mentions, clause subjects and role
 * mentions as speakers, «وجاء في بيان», «نقل X عن Y قوله»; a few more quotations found.
 * quotes-4: family names in ة («العطية») after a role's complement, and after a given name the article marked.
 * quotes-5 (issue 9, third round): name boundaries (glued outlets, «قال لـ«عكاظ» X», «فالح», «بين X», compound and
 * linked names), the issuer of «بيانا قال فيه», «X الذي قال», bodies' names ending before the verb's object.
 * quotes-6 (issue 9, fourth round, tuned on the new tune2 articles): a word after a name that the article never
 * repeats is cut, places after «في» in roles, «اللواء م», a masculine verb does not continue a feminine body, a
 * relative's verb does not take the clause before it, honorifics inside a run start the name.
 * quotes-7 (issue 9, fifth round, general mechanisms for unseen outlets): given names with the article («الهادي
 * المجدوب») and in و after a nisba («وانغ يي»), «مساعد/أمين» as given names, «وهو/منهم X» after a description, a
 * description resolved by a shared adjective, the outlet spoken to ends a name, «رد X قائلا»; then, tuned on the new
 * tune3 articles: a role after a name keeps its family name, family names in «ين», مختص/مصرف/دولة, أدان/اتهم,
 * «لكن X …» opening a sentence; checked against the quotes-6 output on a fresh 1-in-40 SaudiNewsNet sample.
 * quotes-8 (issue 9, seventh round, tuned on the new tune4 straight-quote articles): a prepositional complement
 * closes a role («لكرة القدم»، «لولاية نيويورك»), a hadith is the Prophet's, a name in marks closes a subject,
 * given-name references, the verb after «من جهته،»/«قد» is no name, a clause's subject is the first name its role
 * marks, nested straight marks at a paragraph's end, «قول X:», a present verb after an indefinite role describes it,
 * «الدبلوماسي» after an unnamed diplomat; checked against quotes-7 on 1-in-20 and 1-in-10 SaudiNewsNet samples.
 * quotes-9 (issue 9, ninth round, general attribution patterns): the family name an article uses alone as a speaker
 * («وقال العساف») ends the name where it was first given — after a verb that takes an object, in a verb-first clause
 * («وسلط شريف الكيلاني الضوء»), before «إلى», with a verb and object after it cut («باراك أوباما كسب تأييد»); a
 * body's proper name in marks after its description («شركة الأبحاث "البن كابيتال"»).
 * quotes-10 (issue 9, tenth round): the word before «بن»/«بنت» is a given name («ملهم بن محمد هندي»); a role's
 * prepositional segments («، بقسم علوم الفلك…،») are read past to the name apposed after them; a name given right after a role is not lengthened by a later mention
 * («طلب مرتضى منصور»); a description matching the apposition after a recent speaker's name («رئيس الزمالك»); a plain
 * person noun with an adjective («وأضافت المرأة السبعينية») is the person just speaking; initials in marks are a name
 * («المواطنة "ب.و" لـ"سبق"»); a quotation ends its sentence («…" كما تفاعل X… وكتب "…"»); a role right after the name
 * ends it behind an honorific; a double prime closes a curly quotation; guillemets read in context (a spaced «
 * closes, a » after a colon opens); «وزاد «…»»; «مصرفي»، «متعامل»، «استشاري»، «بروفيسور» are role heads; an honorific
 * and a name close a long role chain; a noun with «her» ends the subject; an outlet named in marks after «لإذاعة»; a
 * Latin initial («كيه.») is part of a name.
 * quotes-11 (issue 9, eleventh round, general mechanisms from the fresh tune6 split): a title's dot («د.», «د.فهد») does not
 * end the phrase a role's name or a verb's subject is read from; a family name before «عن» after a role and a given name (only an idiom's
 * object, «النقاب»، «اللثام», is not one); a surname the subject parse cannot read («وقال "البرقان":») is the one
 * person named in full with it; «وفق تعبيره» after a quotation names nobody new; a reporting verb after a masked
 * quotation is not embedded by the word before it; «تأثير»، «سريعا» are no name words; «يد الله» is a compound given
 * name; «السابق»، «الحالي» are no family names; «إلى» is no definite name slot.
 * quotes-12 (issue 9, twelfth round, candidate coverage, from the fresh tune7 split): a surname alone takes the given
 * name written before it at its first mention inside a clause («السفير … في لبنان توم فلتشر»، «يفتقر دالي بليند»); a
 * given name that looks like a glued preposition («بنيامين») opens the name; «قال صلى الله عليه وسلم» is the Prophet's;
 * a one-word body («بيان الأزهر») is the fuller name given; a place after a glued place noun («بمنطقة حائل») closes a role.
 * quotes-13 (issue 9, thirteenth round, from the fresh tune8 split pooled with tune5–tune7 unseen): a parenthesis after
 * a name ends the name («يوسف الحلبي (28 عاما) المقيم»); «تمت»/«يتم» are no name words; «قال رسول الله … في خطبته:»
 * is the Prophet's; a definite role no one was given is the one person quoted so far, when no body or unnamed source
 * has spoken; «إلى»/«عن» end a role segment's name («الخبير … في سلامة النقل الجوي X Y الى»); «الخطوط» heads a body;
 * a person's name in marks (four words at most, with «بن»/«فون» or a sure given name) is no quotation but a name the
 * narration reads («وقال "سالم بن خلفان القريني"، وهو…»); a quotation that is a paragraph of its own continues the
 * reporting verb's colon that ends the paragraph before; a title after «عنوان:» and a verse under «قال الله تعالى» are
 * no quotations; «سواء» is no name word.
 * quotes-14: «صباح» after an honorific, a role word or a nisba and before a name is a given name, not the morning
 * («رئيس الوزراء الكويتي الشيخ صباح الخالد»; «صباح اليوم»، «صباح الخميس» stay times); «أمير»/«أمين» between a sure given
 * name and «عبد» or a name word are inside the name («حسين أمير عبد اللهيان»); seats of government («الكرملين»، «البيت
 * الأبيض»، «قصر الإليزيه»، «داونينغ ستريت»), «الحوثيون» and agencies named alone («رويترز») speak as bodies; «وطالب»،
 * «طالبت»، «طالبوا» (demanded) are reporting verbs, so «بضرورة "…"» after them is a partial quotation; «قوله» ends the
 * subject («عن مصدر أمني قوله» → «مصدر أمني»); a compound given name counts as one word before a family name in ة
 * («عبد العزيز بوتفليقة» was «عبد العزيز»).
 * quotes-15: a compound given name in «الدين»/«الله» after a role opens the name and keeps the family name after it
 * («الأمين العام للاتحاد نور الدين الطبوبي» was «نور الدين»; «حاكم محافظة شانلي أورفة عز الدين كجك» was «كجك»); «أمين»
 * after a definite role before one name word is a given name («الكاتب أمين معلوف»); two family names in ـي after a
 * given name («رشيد الطالبي العلمي»); «الحرس»، «الجمارك»، «الديوانة»، «الجبهة»، «الفرقة» and «الهلال/الصليب الأحمر»،
 * «الحماية المدنية» head bodies; two quoted words after «أن» that end the sentence are a statement («أن "الأبحاث
 * متواصلة".»); «في حين» after a comma opens a clause whose subject a participle speaks for; a one-word definite subject
 * before «أن» that ends the name of a body that has spoken is that body («وذكرت النصرة أن»); «ليل/ليلة/فجر» are times.
 * quotes-16: a body's or an outlet's name in marks right after a reporting verb is its subject, not a quotation
 * («وقالت "هيومن رايتس ووتش" في تقرير:»); the outlet or audience spoken to («لموزاييك»، «للصحفيين»، «للجزيرة») ends a
 * name and is no part of a role or a description («رئيس الوزراء البريطاني ريشي سوناك لبي بي سي» → role «رئيس الوزراء
 * البريطاني»); «حماس»، «طالبان» alone speak as bodies and are no given names («المتحدث باسم حماس حازم قاسم»); «ذبيح
 * الله»-type compounds; a preposition before an occasion («خلال مؤتمر»، «في حديث لـ…») ends the role's segment a name
 * is read from («القيادي في تحالف القوى العراقية … طلال الزوبعي في حديث»); two or three words in marks opening
 * their sentence before «، قال/يقول X» are a statement; «بينت»، «وبينت»، «فبين» (explained) report; bare «كتب»
 * writes before a role or an honorific and is never a name word.
 * quotes-17 (tuned on the new tune9 split): «فان» after a reporting verb or a name word and before a name word is the
 * Dutch link, not «فإن» («لويس فان غال»، «وكشف فان بيرسي»); «عبّر X عن…» (written «وعبر», or after «قد»/«كما»)
 * (or bare before a role word) makes X the one who speaks next («وقد عبر مدير المنتخب خالد مطر عن سعادته… وقال:»);
 * «تغريدة لـX قال فيها:» is X's;
 * a definite verbal noun of the form taf'il is no family name («لازلو بولوني التتويج»); «منافس»، «غريم» head descriptions;
 * «لي» alone after the verb («قال لي:») is «to me», not a name.
 * quotes-18 (tuned on the new tune10 split): a manner adverbial with «ب» ends a name («ماجد عمران بغضب»، «بصوت
 * مسموع»); «قائلين/قائلا» are never name words («غرد سعوديون قائلين:» named «سعوديون قائلين»); the
 * trades of passers-by head a role («ويقول النادل الأسمر سمير»، «بائع عطور»); «يدعى X» is read past a place in the
 * description («ساكن آخر في موسكو يدعى سيرجي»); «فالي» after a given name or a reporting verb is a family name, not
 * «فإلى»; «بالنسبة لـX فإن "…"» is X's when X has a role; a spokesman «باسم» a body points back only to a person with
 * that role; a bare verb opening its clause that does not agree in gender with the person speaking goes back to the
 * last person of its gender who was quoted.
 * quotes-19 (wire copy, no split tuned on): a spokesman's or an adviser's role that names its principal gives the
 * speaker as the name after it («المتحدث باسم الرئيس الروسي فلاديمير بوتين، ديمتري بيسكوف»، «مستشار الرئيس الأمريكي
 * باراك أوباما لشؤون الأمن القومي سوزان رايس»), or no name when the article gave that name the principal's office;
 * Maghrebi family names in «بال…» after a given name or a verb («سنية بالشيخ»، «محمد بالحاج»); a few words in marks
 * after a lone «لـ» are an outlet, not a quotation («لـ"سكاي نيوز عربية"»); «بحسب ما أفاد به X» reads X past «به»; a
 * country or a capital after «في» closes a role; «آيت» links a family name; a statement «لـ» a body («بيان لوزارة
 * الدفاع»، «بلاغ للجيش») is the body's; «حسب X، فإن "…"» with its comma; «"…"، هكذا علق X»; a radio station spoken to
 * («لجوهرة أف أم») ends a name or a role; after an outlet's own name («لرويترز») the words in marks are a quotation; a
 * country or a capital behind «ب/ل» («بتونس»، «بلبنان») is never a name word and closes a role; two name words after
 * a clause's verb, before a preposition, are its subject when a bare reporting verb of the same gender follows in the
 * sentence («واستيقظت نادية مراد على…، وقالت»); «باسمها» closes a role; «أثناء» ends a subject; «نقلت X عن Y القول»;
 * «وبيّن» written with its shadda reports; «ببن …» (a town) is no name word; the outlet check before a mark reads the
 * right words in a long paragraph (its window's offsets were the window's own).
 * quotes-20 (tuned on the new tune11 split): «فيما/بينما» before a past verb open its clause, not a name («فيما نعت
 * الإعلامية وفاء الكيلاني…» named «نعت»); «وكتب»، «وطالب»، «فبين» start their own clause, so the clause before them is
 * not their subject («ونعى الفنان محمد عطية الفقيدة، وكتب:» named «ونعى»); «واين» after a verb or a role, before a
 * name word, is Wayne, not «وأين»; «فريق» without the article is never a name word; a role, a comma, then a role and
 * a name as the apposition («عضو لجنة…، النائبة أواز حميد أفندي،») name the speaker; «بالشيخ» after a comma too; a
 * body's name keeps «في إقليم X»; «رجح» (deemed likely) reports with «أن», far out after a role; a sure given name
 * keeps the definite word after it as its family name after a verb that takes an object («وصف رئيس المجلس محمد
 * الناصر إقرار…» named «محمد»); a description pointing back does not go to the last person when the verb's gender
 * disagrees with theirs.
 * quotes-21 (the same round, from its SaudiNewsNet diff): a body's name in marks, then its adjective and a name
 * («أمين عام «الائتلاف الوطني السوري» المعارض محمد مكتبي»، «وزيرة الثقافة الإسرائيلية، المتطرفة -ميري ريغيف-»), names
 * the speaker.
 * quotes-22 (from tune12's errors, the rest of them left): «بدوره» with no comma before the clause's verb is read
 * past, and a verb in «أل» («ألمح»، «ألقى») is no definite word («بدوره ألمح عضو الشورى الدكتور موافق الرويلي…،
 * وكتب "…"»).
 * quotes-23 (round 21, from tune12's errors): a sentence opening with «فيما/بينما» has its main clause after the first
 * comma, when a verb with no «و» opens it («وفيما طالب عدد من المواطنين…، تحدث لـ"سبق" المستشار… قائلاً» named
 * «تحدث»); «ومباشرة بعد ذلك»، «وبعد ذلك» are read past before the clause's verb; a party's adjective opening a subject
 * is a role («وكرر الجمهوري جيمس ريش…»), and after a name it is dropped; a role followed by a family name the article
 * confirms is that person («واستعرض وزير الخارجية الجبير…»); a country after «إلى/في» closes a role and a name in ب
 * may follow it («والمبعوث الأممي إلى ليبيا برناردينو ليون»); «بحسب ما أفاد الأربعاء مسؤول محلي» names the unnamed
 * source, whom «المسؤول» then points back to (not an outlet that carried someone's words); a definite broken plural
 * of the form af'al («الاتفاق»، «الإرهاب»، «الأطراف») is no family name; «خلية» heads a body; «كلمة» ends a name
 * («وألقى الرئيس عباس كلمة»), and «وبخاصة»، «بشكل»، «بصورة» are no name words.
 * quotes-24 (the same round, from tune12's last errors and the new tune13 split): a broadcaster named by its country
 * or status is a body («وأعلن التلفزيون الكاميروني»), and a later «التلفزيون» alone is that body; who relays words
 * («ونقل التلفزيون الرسمي عنه قوله») is not their speaker; a verse after «بقول الحق تبارك وعز:» or «وقوله سبحانه
 * وتعالى:» is no quotation; «أحد/إحدى» after a name opens its apposition («فيدريكو اديتشي أحد مسؤولي "فيفا"»); a
 * name in parentheses right after the verb is the subject; a hadith's narrator after «عن … رضي الله عنه» speaks.
 * quotes-25 (the same round, from tune13's last errors and the new tune14 split): an adjective in ة of bodies' names
 * («العالمية»، «الدولية») is no family name, so «رئيس شركة موانئ دبي العالمية رئيس مؤسسة…، سلطان أحمد بن سليم،» is
 * his; a role or an honorific and a name set off by commas right before the verb are its subject («…، القاضي رحيم
 * العكيلي، أكد:»); «بان كي مون» is a name of three words («بان» had read as «ب» + «أن»); «وقال عنها X» is X
 * speaking (not after a relative, and only before a name, a role or an honorific).
 * quotes-26 (round 22, from tune15's errors): a role that names its place after «في» and then an honorific goes on to
 * the name («الأمين العام لمجلس عشائر العراق العربية في الجنوب الشيخ أحمد الغانم»); a bare verb after «وفي تعليق لـX…»
 * (تعليق، تصريح، حديث، تعقيب، رد، كلمة + ل glued to a name) is X speaking; an adverb of the form taf'ilan («تحديدا»،
 * «تقريبا») and «بشدة»، «بقوة» are no name words; «بعثة» heads a body, named with where it is sent («بعثة الأمم المتحدة في ليبيا»، «البعثة الأميركية لدى الحلف»);
 * an unnamed source in the accusative after «أن/لكن» («إلا أن مسؤولاً محلياً، طلب عدم ذكر اسمه، قال») is read as one.
 */
export const QUOTES_VERSION = 'quotes-26';
