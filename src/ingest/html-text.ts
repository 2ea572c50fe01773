/**
 * Clean article HTML (Readability's output, or a feed item's content) → paragraphs. Not a scraper: the page's
 * main text has already been chosen by Readability; this only turns its markup into the corpus file's form,
 * one paragraph per block element, so the corpus parser sees the same shape as a hand-saved article.
 */
import { parseHTML } from 'linkedom';

/** Elements that end a paragraph. `br` does too: Arabic sites often separate paragraphs with <br><br>. */
const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE',
  'FOOTER', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION',
  'TABLE', 'TBODY', 'TD', 'TH', 'THEAD', 'TR', 'UL',
]);
/** Never text: scripts, styles, and embedded media Readability may keep. */
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'OBJECT', 'VIDEO', 'AUDIO', 'CANVAS', 'BUTTON', 'FORM', 'SELECT', 'TEXTAREA']);

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** A DOM node as linkedom gives it; only what this walk reads. */
interface WalkNode {
  nodeType: number;
  nodeName: string;
  nodeValue: string | null;
  childNodes: ArrayLike<WalkNode>;
}

/** Paragraphs of an element's text, split at block boundaries, whitespace collapsed, empty ones dropped. */
export function paragraphsOfNode(root: WalkNode): string[] {
  const paragraphs: string[] = [];
  let current = '';
  const flush = () => {
    const text = current.replace(/\s+/gu, ' ').trim();
    if (text) paragraphs.push(text);
    current = '';
  };
  // Iterative, not recursive: a page of 10,000 nested <div>s must not overflow the stack.
  const stack: { node: WalkNode; exit: boolean }[] = [{ node: root, exit: false }];
  while (stack.length) {
    const { node, exit } = stack.pop()!;
    if (exit) {
      flush();
      continue;
    }
    if (node.nodeType === TEXT_NODE) {
      current += node.nodeValue ?? '';
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE && node !== root) continue;
    const name = node.nodeName.toUpperCase();
    if (SKIP.has(name)) continue;
    const block = BLOCK.has(name);
    if (block) {
      flush();
      stack.push({ node, exit: true });
    }
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], exit: false });
  }
  flush();
  return paragraphs;
}

/** An HTML fragment (a feed's content:encoded, Readability's content) → paragraphs. */
export function htmlToParagraphs(html: string): string[] {
  const { document } = parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`);
  return paragraphsOfNode(document.body as unknown as WalkNode);
}

/** Plain text of a short HTML value (a feed title with entities or tags): one line. */
export function htmlToLine(html: string | null | undefined): string | null {
  if (!html) return null;
  const text = /[<&]/.test(html) ? htmlToParagraphs(html).join(' ') : html;
  const line = text.replace(/\s+/gu, ' ').trim();
  return line || null;
}
