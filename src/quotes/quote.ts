/**
 * Who speaks: a named person; a body speaking in its own name (a ministry, a club, a newspaper); or an unnamed
 * source («مصدر أمني»، «مسؤولون في المهرجان»), described in `speakerRole`.
 */
export type SpeakerKind = 'person' | 'organisation' | 'unnamed';

/**
 * A direct quotation and who said it. `paragraph` is the 0-based index into `Article.paragraphs`. `speaker` is the
 * person's full name as the article first gives it, or the organisation's name in full when no person speaks, or
 * null for an unnamed source.
 */
export interface Quote {
  articleId: string;
  text: string;
  speaker: string | null;
  speakerRole: string | null;
  /**
   * Always set by extractQuotes (src/quotes/extract.ts). Optional in the type because quotations stored by an
   * extractor before quotes-2 lack it until re-analysed; readers default a named speaker to 'person'.
   */
  speakerKind?: SpeakerKind;
  paragraph: number;
}
