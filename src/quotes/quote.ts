/** A direct quotation and who said it. `paragraph` is the 0-based index into `Article.paragraphs`. */
export interface Quote {
  articleId: string;
  text: string;
  speaker: string | null;
  speakerRole: string | null;
  paragraph: number;
}
