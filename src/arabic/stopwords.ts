import { normalizeArabic } from './normalize.js';

// Function words of Modern Standard Arabic news prose, written plainly; stored normalized.
const RAW = `
في من على إلى الى عن مع إن أن ان لا لم لن ما ماذا هل قد كان كانت يكون تكون هذا هذه ذلك تلك هؤلاء هو هي هم هن
نحن أنا انت أنت الذي التي الذين اللذين اللتين اللواتي كل بعض أي أو ثم بل لكن حتى إذا اذا إذ منذ عند لدى بين
فوق تحت أمام خلال حول ضد دون غير سوى كما مثل أيضا أيضاً كذلك وقد وفي ومن وعلى وإلى وعن ومع وأن وإن ولا ولم
وما وهو وهي وكان وكانت وهذا وهذه وذلك التى الى عليه عليها فيه فيها منه منها له لها لهم به بها بهم إليه إليها
تم يتم حيث أنه أنها انه انها إنه إنها لقد قبل بعد وقبل وبعد أكثر اكثر أقل جدا ليس ليست إلا الا نحو عبر لدي
`;

export const STOPWORDS: ReadonlySet<string> = new Set(
  RAW.split(/\s+/).filter(Boolean).map((w) => normalizeArabic(w)),
);
