/**
 * Copies of one article under other ids: the same outlet's same headline over the same text. Feeds and crawls
 * list one story at two addresses (SaudiNewsNet holds 566 such copies among its 30,676 articles with text, most of
 * them al-madina's «…html?weekly» twin of each page), and a search that shows both spends two of its ten places on
 * one article: 30 of the search bench's 201 queries had such a pair in their first ten. The index keeps every
 * copy (each id can still be opened, removed or replaced), and search shows one of them; when it goes, the next
 * copy takes its place. Reports of one event by different outlets, or one outlet's update under
 * a new headline or text, are not copies.
 */
export class SameTextCopies {
  /** 1 for a slot hidden behind another copy. */
  private hidden = new Uint8Array(1024);
  /** Per slot: its key (see copyKey), NaN for a slot not held. */
  private keys = new Float64Array(1024).fill(NaN);
  /** Key → the slots holding it (a single slot as a number: almost every article is alone). */
  private readonly groups = new Map<number, number | number[]>();
  private hiddenTotal = 0;

  /**
   * `same(a, b)`: whether two slots of one key really are copies (the key is a 53-bit hash of outlet, headline and
   * text hash: the caller compares the strings, so that a collision never hides an article). `before(a, b)`:
   * whether a's id sorts before b's. The copy shown is the one whose id sorts first: the choice depends only on
   * which articles are held, not on the order they came in, so a rebuild, a reload and an index changed in place
   * (or two bot processes over one store) show the same one.
   */
  constructor(
    private readonly same: (a: number, b: number) => boolean,
    private readonly before: (a: number, b: number) => boolean,
  ) {}

  get hiddenCount(): number {
    return this.hiddenTotal;
  }

  isHidden(slot: number): boolean {
    return slot < this.hidden.length && this.hidden[slot] === 1;
  }

  /** Hold `slot` under `key`. */
  add(slot: number, key: number): void {
    if (slot >= this.keys.length) this.grow(slot + 1);
    this.remove(slot);
    this.keys[slot] = key;
    const group = this.groups.get(key);
    if (group === undefined) return void this.groups.set(key, slot);
    const slots = typeof group === 'number' ? [group, slot] : [...group, slot];
    this.groups.set(key, slots);
    this.settle(slots);
  }

  /** Let go of `slot`; when it was the copy shown, the next one takes its place. */
  remove(slot: number): void {
    if (slot >= this.keys.length) return;
    const key = this.keys[slot];
    if (Number.isNaN(key)) return;
    this.keys[slot] = NaN;
    this.setHidden(slot, 0);
    const group = this.groups.get(key)!;
    if (typeof group === 'number') return void this.groups.delete(key);
    const rest = group.filter((s) => s !== slot);
    this.groups.set(key, rest.length === 1 ? rest[0] : rest);
    this.settle(rest);
  }

  /** Among the slots of one key, show in each set of copies the one whose id sorts first, and hide the others. */
  private settle(slots: readonly number[]): void {
    for (const slot of slots) {
      const shadowed = slots.some((other) => other !== slot && this.before(other, slot) && this.same(other, slot));
      this.setHidden(slot, shadowed ? 1 : 0);
    }
  }

  private setHidden(slot: number, value: 0 | 1): void {
    if (this.hidden[slot] === value) return;
    this.hidden[slot] = value;
    this.hiddenTotal += value ? 1 : -1;
  }

  private grow(size: number): void {
    const length = Math.max(size, this.keys.length * 2);
    const hidden = new Uint8Array(length);
    hidden.set(this.hidden);
    const keys = new Float64Array(length).fill(NaN);
    keys.set(this.keys);
    this.hidden = hidden;
    this.keys = keys;
  }
}

/**
 * The key of an article for SameTextCopies: 21 bits of a hash of its outlet and headline over the 32 bits of its
 * text's hash (sentence-table.ts textHash), as one exact integer (< 2^53).
 */
export function copyKey(source: string | null, title: string, textHash: number): number {
  let h = 0x811c9dc5;
  const s = source ?? '';
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ 0x1f, 0x01000193);
  for (let i = 0; i < title.length; i++) h = Math.imul(h ^ title.charCodeAt(i), 0x01000193);
  return (h >>> 11) * 2 ** 32 + (textHash >>> 0);
}
