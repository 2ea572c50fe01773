import { normalizeArabic } from './normalize.js';

// Function words of Modern Standard Arabic news prose, written plainly; stored normalized, so one entry covers
// its hamza/ة/ى spellings. Tokens are looked up BEFORE stemming, so clitic forms (وفي، ومن…) are listed as such.
const FUNCTION_WORDS = `
في من على إلى الى عن مع إن أن ان لا لم لن ما ماذا هل قد كان كانت يكون تكون هذا هذه ذلك تلك هؤلاء هو هي هم هن
نحن أنا انت أنت الذي التي الذين اللذين اللتين اللواتي كل بعض أي أو ثم بل لكن حتى إذا اذا إذ منذ عند لدى بين
فوق تحت أمام خلال حول ضد دون غير سوى كما مثل أيضا أيضاً كذلك وقد وفي ومن وعلى وإلى وعن ومع وأن وإن ولا ولم
وما وهو وهي وكان وكانت وهذا وهذه وذلك التى الى عليه عليها فيه فيها منه منها له لها لهم به بها بهم إليه إليها
تم يتم حيث أنه أنها انه انها إنه إنها لقد قبل بعد وقبل وبعد أكثر اكثر أقل جدا ليس ليست إلا الا نحو عبر لدي
`;

// Question words. Measured on ARCD (questions as queries): they occur in queries, almost never in the answering
// text, and as query terms only add noise (MRR@10 +0.003 when dropped). «ماهي/ماهو» is the common glued typing of
// «ما هي/ما هو»; a bare «ال» is what is left of «لـ» / «بـ» written with tatweel or of a cut-off word.
const QUESTION_WORDS = `
ماذا متى كم أين اين كيف لماذا لمن بم بما ممن أية ومتى وكم وأين وكيف ولماذا ماهي ماهو ال
`;

export const STOPWORDS: ReadonlySet<string> = new Set(
  `${FUNCTION_WORDS} ${QUESTION_WORDS}`
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => normalizeArabic(w)),
);
