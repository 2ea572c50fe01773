import { open, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import { crc32 } from 'node:zlib';
import type { DocTable } from './article-index.js';
import { grow, InvertedIndex, writeVarint, type BaseBlock, type PostingsSnapshot } from './postings.js';
import { FIELD_COUNT } from './ranking.js';
import { RerankWords, type RerankWordsData } from './rerank-words.js';
import { SentenceTable, type SentenceTableData } from './sentence-table.js';
import { tailLength } from './tails.js';
import { nextBackgroundTurn } from '../event-loop/background-turns.js';

/**
 * The saved index: one binary file, written from a point-in-time snapshot in slices (each ≤ ~10 ms of work, the
 * event loop free in between), then renamed into place, so a reader never sees a partial file. The file holds the
 * live articles only, renumbered densely (terms keep their relative order), with the permutation that puts the terms
 * in code-unit order (the order prefix search needs), so a reload needs no sorting and leaves no dead slot behind.
 *
 * Layout (little-endian): "NASHRAIX", u32 format version, u32 0; then sections, each a u32 byte length, u32 0, the
 * bytes and zero padding to 8; then u32 CRC-32 of everything before it and "END!". Sections in order: header JSON
 * (meta and counts), docs (six JSON lines: ids, titles, dates, sources, addedAt, folded titles), terms
 * ('\n'-joined, by id); these two in UTF-16LE, which decodes by copying (UTF-8 decoding of Arabic text measured ~6 ns per
 * byte, the largest part of a reload), the term ids in code-unit order, dfAny, field lengths (title, body), per field offsets / slots / term frequencies, forward starts,
 * forward bytes, rerank word arena, word starts, per-slot word-id run starts, word-id runs, then the sentence table
 * (sentence-table.ts): per-slot sentence run starts, whether the slot has a table, text hashes, and per sentence its
 * paragraph, start, end, word count and repeat (packed, format 8) and filter. Loading checks the CRC, every length and every slot and offset bound, and throws on any mismatch.
 */
/**
 * Bumped whenever the analyzer, the indexed fields, the sentences splitSentences gives (the stored sentence table)
 * or this layout change (ArticleIndex's INDEX_VERSION). 9: «..» before a sentence opener, a stop glued after a
 * closing mark or a year, a stray second stop and «(...)» (src/arabic/sentences.ts, branch summaries-s25). 10: a run of
 * spaces before a bullet ends a sentence (a line break the source lost).
 */
export const INDEX_FILE_FORMAT = 10;
const MAGIC = Buffer.from('NASHRAIX', 'latin1');
const END = Buffer.from('END!', 'latin1');
const DOCS_PER_LINE = 2000;
// Slices of 4 ms: on a loaded machine a slice can take several times its CPU time, and the longest event-loop stall
// while saving must stay under 50 ms.
const SLICE_MS = 4;
const WRITE_CHUNK = 1 << 20;

export interface IndexSnapshot {
  postings: PostingsSnapshot;
  rerankWords: RerankWordsData;
  sentences: SentenceTableData;
  sortedTerms: string[];
  termIdOf: (term: string) => number | undefined;
  live: Uint8Array;
  slotCount: number;
  docs: DocTable;
}

interface Header {
  meta: Record<string, unknown>;
  slotCount: number;
  termCount: number;
  postings: number[];
  forwardBytes: number;
  rerankWordCount: number;
  rerankArenaUnits: number;
  sentenceCount: number;
}

export async function saveIndexFile(file: string, snap: IndexSnapshot, meta: Record<string, unknown>): Promise<void> {
  if (os.endianness() !== 'LE') throw new Error('the saved index format is little-endian only');
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const handle = await open(tmp, 'w');
  let ok = false;
  try {
    let crc = 0;
    let position = 0;
    // Written (and checksummed) 1 MiB at a time, so no single step holds the event loop for long.
    const put = async (bytes: Uint8Array) => {
      for (let at = 0; at < bytes.length; at += WRITE_CHUNK) {
        const piece = bytes.subarray(at, Math.min(bytes.length, at + WRITE_CHUNK));
        crc = crc32(piece, crc);
        await handle.write(piece, 0, piece.length, position);
        position += piece.length;
      }
    };
    const section = async (parts: Uint8Array[]) => {
      const length = parts.reduce((n, p) => n + p.length, 0);
      const head = Buffer.alloc(8);
      head.writeUInt32LE(length, 0);
      await put(head);
      for (const p of parts) await put(p);
      await put(Buffer.alloc((8 - (length % 8)) % 8));
    };
    const clock = sliceClock();
    const stream = new SectionStream(put);

    // Dense numbering of the live slots, and of the live terms in id order: a live term's id only moves down, so
    // every article's forward entries stay ascending and each posting list stays where it is. The code-unit order
    // prefix search needs is saved beside it as a permutation (computed by the index, which keeps it anyway).
    const { live, slotCount, postings: p } = snap;
    const newSlot = new Int32Array(slotCount).fill(-1);
    const liveSlots: number[] = [];
    for (let s = 0; s < slotCount; s++) if (live[s]) (newSlot[s] = liveSlots.length), liveSlots.push(s);
    const termCount = p.termText.length;
    const newTerm = new Int32Array(termCount).fill(-1);
    const terms: number[] = [];
    for (let id = 0; id < termCount; id++) if (p.dfAny[id] > 0) (newTerm[id] = terms.length), terms.push(id);
    const termOrder = new Int32Array(terms.length);
    let ordered = 0;
    for (let i = 0; i < snap.sortedTerms.length; i++) {
      // ~100k dictionary lookups: in slices too (terms added meanwhile get ids ≥ termCount and are left out).
      if ((i & 4095) === 0) await clock.maybeYield();
      const id = snap.termIdOf(snap.sortedTerms[i]);
      if (id === undefined || id >= termCount || newTerm[id] < 0) continue;
      termOrder[ordered++] = newTerm[id];
    }
    if (ordered !== terms.length) throw new Error('the index changed its dictionary while being saved');
    const noTails = [p.frozenTails, p.tails].every((views) => !views || views.every((t) => t.postings === 0));
    // A freshly built index (every slot and term live, one base block): saved as it is held, with no renumbering,
    // which took ~0.9 s of a 31k-article rebuild's save.
    const asHeld = noTails && liveSlots.length === slotCount && terms.length === termCount && p.base.termCount === termCount;

    // Postings, per field, in new term order; only live slots. A freshly built index is written from its base
    // block as it is; otherwise this pass only counts each term's live postings (the offsets), and the postings
    // themselves are streamed to the file below, renumbered on the way. Materialized here, the renumbered copy
    // (~30 MB at 31k articles, with the recoded forward index and the copied rerank and sentence runs ~60 MB)
    // was garbage the moment the file was written, and the running bot carried it until V8's next full collection:
    // ~80 s after a burst of 1,000 articles at more than 400 MB.
    const fields: { offsets: Int32Array; count: number }[] = [];
    const runs = [emptyRun(), emptyRun(), emptyRun()];
    for (let f = 0; f < FIELD_COUNT; f++) {
      if (asHeld) {
        const offsets = p.base.offsets[f].subarray(0, termCount + 1);
        fields.push({ offsets, count: offsets[termCount] ?? 0 });
        continue;
      }
      const offsets = new Int32Array(terms.length + 1);
      let n = 0;
      for (let i = 0; i < terms.length; i++) {
        if ((i & 255) === 0) await clock.maybeYield();
        offsets[i] = n;
        for (let r = 0, count = snapshotRuns(p, terms[i], f, runs); r < count; r++) {
          const { docs, start, end } = runs[r];
          for (let at = start; at < end; at++) {
            const slot = docs[at];
            if (slot < slotCount && live[slot]) n++;
          }
        }
      }
      offsets[terms.length] = n;
      fields.push({ offsets, count: n });
    }

    // Forward index of the live slots, one run per slot: copied when term ids are unchanged, else re-coded with the
    // new ids (still ascending). Here only its run starts; the bytes are streamed below.
    const sameTerms = terms.length === termCount;
    const forwardStart = new Int32Array(liveSlots.length + 1);
    let length = 0;
    for (let i = 0; i < liveSlots.length; i++) {
      if ((i & (sameTerms ? 4095 : 63)) === 0) await clock.maybeYield();
      const slot = liveSlots[i];
      forwardStart[i] = length;
      if (sameTerms) {
        length += p.forwardEnd[slot] - p.forwardStart[slot];
        continue;
      }
      recodeForward(p, slot, newTerm, (value) => (length += varintBytes(value)));
    }
    forwardStart[liveSlots.length] = length;

    // Sentence table of the live slots: runs renumbered densely (the per-sentence arrays are copied below).
    const st = snap.sentences;
    const sentenceRuns = new Int32Array(liveSlots.length + 1);
    const hasTable = new Uint8Array(liveSlots.length);
    const textHashes = new Int32Array(liveSlots.length);
    let sentenceCount = 0;
    for (let i = 0; i < liveSlots.length; i++) {
      const slot = liveSlots[i];
      sentenceRuns[i] = sentenceCount;
      textHashes[i] = st.hash[slot];
      if (st.end[slot] >= 0) {
        hasTable[i] = 1;
        sentenceCount += st.end[slot] - st.first[slot];
      }
    }
    sentenceRuns[liveSlots.length] = sentenceCount;

    const header: Header = {
      meta,
      slotCount: liveSlots.length,
      termCount: terms.length,
      postings: fields.map((f) => f.count),
      forwardBytes: length,
      rerankWordCount: snap.rerankWords.wordStart.length - 1,
      rerankArenaUnits: snap.rerankWords.arena.length,
      sentenceCount,
    };
    const start = Buffer.alloc(16);
    MAGIC.copy(start, 0);
    start.writeUInt32LE(INDEX_FILE_FORMAT, 8);
    await put(start);
    await section([Buffer.from(JSON.stringify(header))]);

    // Docs: one JSON array per column (a reload parses six arrays, no object per article), in slices.
    const { docs } = snap;
    // Each column is «[» + pieces of 2,000 values joined by «,» + «]\n», every piece encoded on its own (one
    // encoding of a whole column of titles held the event loop for tens of milliseconds).
    const lines: Uint8Array[] = [];
    for (const column of [docs.ids, docs.titles, docs.dates, docs.sources, docs.addedAt, docs.folded] as unknown[][]) {
      let first = true;
      lines.push(Buffer.from('[', 'utf16le'));
      for (let i = 0; i < liveSlots.length; i += DOCS_PER_LINE) {
        await clock.maybeYield();
        const piece = JSON.stringify(liveSlots.slice(i, i + DOCS_PER_LINE).map((slot) => column[slot])).slice(1, -1);
        if (!piece) continue;
        lines.push(Buffer.from(first ? piece : `,${piece}`, 'utf16le'));
        first = false;
      }
      lines.push(Buffer.from(']\n', 'utf16le'));
    }
    await section(lines);
    // The dictionary '\n'-joined, encoded 4,096 terms at a time (the whole join measured ~90 ms of event loop).
    const termPieces: Uint8Array[] = [];
    for (let i = 0; i < terms.length; i += 4096) {
      await clock.maybeYield();
      const piece = terms.slice(i, i + 4096).map((id) => p.termText[id]).join('\n');
      termPieces.push(Buffer.from(i === 0 ? piece : `\n${piece}`, 'utf16le'));
    }
    await section(termPieces);
    await section([bytesOf(termOrder)]);
    const dfAny = new Int32Array(terms.length);
    for (let i = 0; i < terms.length; i++) dfAny[i] = p.dfAny[terms[i]];
    await section([bytesOf(dfAny)]);
    for (let f = 0; f < FIELD_COUNT; f++) {
      const lengths = new Int32Array(liveSlots.length);
      for (let i = 0; i < liveSlots.length; i++) lengths[i] = p.fieldLength[f][liveSlots[i]];
      await section([bytesOf(lengths)]);
    }
    for (let f = 0; f < FIELD_COUNT; f++) {
      const { offsets, count } = fields[f];
      await section([bytesOf(offsets)]);
      if (asHeld) {
        await section([bytesOf(p.base.docs[f].subarray(0, count))]);
        await section([bytesOf(p.base.tfs[f].subarray(0, count))]);
        continue;
      }
      // Slots, then term frequencies, in a second and third pass over the same runs (the snapshot does not change).
      for (const what of ['docs', 'tfs'] as const) {
        const width = what === 'docs' ? 4 : 2;
        await stream.begin(count * width);
        // Values go straight into the stage's typed view; `k` counts them, flushed when the stage is full.
        const stage = what === 'docs' ? stream.int32s : stream.uint16s;
        let k = 0;
        for (let i = 0; i < terms.length; i++) {
          if ((i & 255) === 0) await clock.maybeYield();
          for (let r = 0, n = snapshotRuns(p, terms[i], f, runs); r < n; r++) {
            const { docs, tfs, start, end } = runs[r];
            for (let at = start; at < end; at++) {
              const slot = docs[at];
              if (slot >= slotCount || !live[slot]) continue;
              stage[k++] = what === 'docs' ? newSlot[slot] : tfs[at];
              if (k === stage.length) (await stream.flushValues(k, width)), (k = 0);
            }
          }
        }
        await stream.flushValues(k, width);
        await stream.end();
      }
    }
    await section([bytesOf(forwardStart)]);
    await stream.begin(length);
    const scratch = { bytes: new Uint8Array(1 << 12) };
    for (let i = 0; i < liveSlots.length; i++) {
      if ((i & (sameTerms ? 1023 : 63)) === 0) await clock.maybeYield();
      const slot = liveSlots[i];
      if (sameTerms) {
        await stream.bytes(p.forward.subarray(p.forwardStart[slot], p.forwardEnd[slot]));
        continue;
      }
      let n = 0;
      recodeForward(p, slot, newTerm, (value) => (n = writeVarint(scratch, n, value)));
      await stream.bytes(scratch.bytes.subarray(0, n));
    }
    await stream.end();
    // Rerank words: the dictionary as is, each live slot's run of ids copied (word ids do not change).
    const rw = snap.rerankWords;
    await section([bytesOf(rw.arena)]);
    await section([bytesOf(rw.wordStart)]);
    const wordRuns = new Int32Array(liveSlots.length + 1);
    let wordBytes = 0;
    for (let i = 0; i < liveSlots.length; i++) {
      const slot = liveSlots[i];
      wordRuns[i] = wordBytes;
      wordBytes += rw.slotEnd[slot] - rw.slotStart[slot];
    }
    wordRuns[liveSlots.length] = wordBytes;
    await section([bytesOf(wordRuns)]);
    // The runs gathered through the stage, so the file gets a few large writes, not one per article.
    await stream.begin(wordBytes);
    for (let i = 0; i < liveSlots.length; i++) {
      if ((i & 1023) === 0) await clock.maybeYield();
      const slot = liveSlots[i];
      await stream.bytes(rw.ids.subarray(rw.slotStart[slot], rw.slotEnd[slot]));
    }
    await stream.end();
    await section([bytesOf(sentenceRuns)]);
    await section([hasTable]);
    await section([bytesOf(textHashes)]);
    // Each per-sentence array gathered slot by slot through the stage, in the order the loader reads them.
    for (const [column, perSentence] of [[st.para, 1], [st.from, 1], [st.to, 1], [st.words, 1], [st.bloom, 4]] as const) {
      await stream.begin(sentenceCount * perSentence * column.BYTES_PER_ELEMENT);
      for (let i = 0; i < liveSlots.length; i++) {
        if ((i & 1023) === 0) await clock.maybeYield();
        if (!hasTable[i]) continue;
        const slot = liveSlots[i];
        await stream.bytes(bytesOf(column.subarray(st.first[slot] * perSentence, st.end[slot] * perSentence)));
      }
      await stream.end();
    }
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(crc >>> 0, 0);
    END.copy(trailer, 4);
    await handle.write(trailer, 0, 8, position);
    await handle.sync();
    ok = true;
  } finally {
    await handle.close();
    if (!ok) await rm(tmp, { force: true });
  }
  await rename(tmp, file);
}

/** The sections at the front of an index file that are parsed into strings: header, article table, dictionary. */
const TEXT_SECTIONS = 3;

/**
 * An index file's bytes in parts, each read into a buffer of its own, because the loaded index keeps typed-array
 * views into them and a buffer lives as long as any view does:
 * - the text sections (header, article table, dictionary): parsed into strings, then dropped. In one buffer with
 *   the rest, the ~12 MB of text at 31k articles stayed resident beside the index it had been parsed into;
 * - the base posting blocks, which the index reads (and never writes) until its next compaction;
 * - the sections before and after them (term order, statistics, forward index, rerank words, sentences): copied at
 *   load or viewed until the first article added grows them into arrays of their own. With the base in the same
 *   buffer, those ~25 MB at 31k articles stayed resident beside their grown copies after the first burst.
 */
export class IndexFileBytes {
  /** Where each part starts in the file (ascending; the first is 0). */
  private readonly starts: number[];

  constructor(readonly parts: Buffer[]) {
    this.starts = [];
    let at = 0;
    for (const part of parts) (this.starts.push(at), (at += part.length));
  }

  get length(): number {
    return this.parts.reduce((n, p) => n + p.length, 0);
  }

  /** Bytes [start, end) of the file, or null when they straddle two parts (a damaged file). */
  range(start: number, end: number): Buffer | null {
    for (let i = this.parts.length - 1; i >= 0; i--) {
      const from = this.starts[i];
      if (start < from) continue;
      const part = this.parts[i];
      return end - from <= part.length ? part.subarray(start - from, end - from) : null;
    }
    return null;
  }

  /** CRC-32 of bytes [0, end). */
  crc32(end: number): number {
    let crc = 0;
    for (let i = 0; i < this.parts.length && this.starts[i] < end; i++) {
      crc = crc32(this.parts[i].subarray(0, Math.min(this.parts[i].length, end - this.starts[i])), crc);
    }
    return crc >>> 0;
  }
}

/** The bytes a section takes in the file: its 8-byte length prefix, its content, padding to 8 bytes. */
function sectionSpan(length: number): number {
  return 8 + length + ((8 - (length % 8)) % 8);
}

/**
 * Where the base posting blocks lie in the file, computed from the header (the text part's first section) and the
 * section order saveIndexFile writes: term order, df, two field-length arrays, then per field offsets, slots and
 * term frequencies. Null when the header does not parse (the loader then refuses the file).
 */
function basePostingsRange(text: Buffer, textEnd: number): { start: number; end: number } | null {
  if (text.length < 24) return null;
  let header: Header;
  try {
    header = JSON.parse(text.subarray(24, 24 + text.readUInt32LE(16)).toString('utf8')) as Header;
  } catch {
    return null;
  }
  const { termCount: T, slotCount: D, postings } = header;
  if (!Number.isInteger(T) || !Number.isInteger(D) || !Array.isArray(postings) || postings.length !== FIELD_COUNT) return null;
  const start = textEnd + sectionSpan(4 * T) * 2 + sectionSpan(4 * D) * 2;
  let end = start;
  for (const n of postings) end += sectionSpan(4 * (T + 1)) + sectionSpan(4 * n) + sectionSpan(2 * n);
  return Number.isFinite(end) ? { start, end } : null;
}

/**
 * A saved index's bytes (see IndexFileBytes), read with as few requests as the system allows. fs.readFile reads in
 * 512 KiB chunks, each a round trip through libuv's thread pool and the event loop: ~130 of them for a 68 MB index at
 * 31k articles, which took twice as long as one read when the event loop had other work meanwhile (listing the
 * folder at start-up).
 */
export async function readIndexFile(file: string): Promise<IndexFileBytes> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    // Where the text sections end, from their length prefixes (three reads of 8 bytes). A damaged prefix only moves
    // the split: the loader's own checks then reject the file.
    let textEnd = Math.min(16, size);
    const prefix = Buffer.alloc(8);
    for (let s = 0; s < TEXT_SECTIONS && textEnd + 8 <= size; s++) {
      await handle.read(prefix, 0, 8, textEnd);
      const length = prefix.readUInt32LE(0);
      textEnd = Math.min(size, textEnd + sectionSpan(length));
    }
    const read = async (start: number, length: number): Promise<Buffer> => {
      const buf = Buffer.allocUnsafe(length);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await handle.read(buf, done, length - done, start + done);
        if (bytesRead === 0) break; // truncated meanwhile: the checks reject what was read
        done += bytesRead;
      }
      return done === length ? buf : buf.subarray(0, done);
    };
    const text = await read(0, textEnd);
    if (text.length < textEnd) return new IndexFileBytes([text]);
    const base = basePostingsRange(text, textEnd);
    const cuts = base && base.start <= base.end && base.end <= size ? [textEnd, base.start, base.end, size] : [textEnd, size];
    const parts = [text];
    for (let i = 0; i + 1 < cuts.length; i++) {
      const part = await read(cuts[i], cuts[i + 1] - cuts[i]);
      parts.push(part);
      if (part.length < cuts[i + 1] - cuts[i]) break;
    }
    return new IndexFileBytes(parts);
  } finally {
    await handle.close();
  }
}

/** Read an index file written by saveIndexFile; throws an Error saying what is wrong when it is not one. */
export async function loadIndexFile(
  file: string,
  /** The file's bytes, when the caller started reading them already (start-up reads them while it lists the folder). */
  bytes?: Promise<IndexFileBytes>,
): Promise<{ index: InvertedIndex; docs: DocTable; rerankWords: RerankWords; sentences: SentenceTable; meta: Record<string, unknown> }> {
  if (os.endianness() !== 'LE') throw new Error('the saved index format is little-endian only');
  const content = await (bytes ?? readIndexFile(file));
  const fail = (why: string): never => {
    throw new Error(`saved index ${file} is damaged or not an index (${why})`);
  };
  const size = content.length;
  const bytesAt = (start: number, end: number): Buffer => content.range(start, end) ?? fail('section out of bounds');
  if (size < 24 || !bytesAt(0, 8).equals(MAGIC)) fail('no index header');
  const version = bytesAt(8, 12).readUInt32LE(0);
  if (version !== INDEX_FILE_FORMAT) {
    throw new Error(`saved index ${file} has format ${version}, this build reads format ${INDEX_FILE_FORMAT}`);
  }
  if (!bytesAt(size - 4, size).equals(END)) fail('truncated');
  if (content.crc32(size - 8) !== bytesAt(size - 8, size - 4).readUInt32LE(0)) fail('checksum mismatch');

  let at = 16;
  const next = (): Buffer => {
    if (at + 8 > size - 8) fail('missing section');
    const length = bytesAt(at, at + 4).readUInt32LE(0);
    const start = at + 8;
    if (start + length > size - 8) fail('section out of bounds');
    at += sectionSpan(length);
    return bytesAt(start, start + length);
  };
  const typed = <T>(bytes: Buffer, Kind: { new (b: ArrayBuffer): T; BYTES_PER_ELEMENT: number }, count: number): T => {
    if (bytes.length !== count * Kind.BYTES_PER_ELEMENT) fail('section of the wrong size');
    // A view into the file's buffer when aligned (sections start on 8-byte boundaries), else a copy.
    if (bytes.byteOffset % Kind.BYTES_PER_ELEMENT === 0) {
      return new (Kind as unknown as new (b: ArrayBufferLike, offset: number, length: number) => T)(bytes.buffer, bytes.byteOffset, count);
    }
    return new Kind(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer);
  };

  const header = JSON.parse(next().toString('utf8')) as Header;
  const { slotCount: D, termCount: T } = header;
  if (!Number.isInteger(D) || !Number.isInteger(T) || !Array.isArray(header.postings)) fail('bad header');

  const columns = next().toString('utf16le').split('\n').filter(Boolean).map((line) => JSON.parse(line) as unknown[]);
  if (columns.length !== 6 || columns.some((c) => !Array.isArray(c) || c.length !== D)) fail('article table');
  const [ids, titles, dates, sources, addedAt, folded] = columns;
  const docs = { ids, titles, dates, sources, addedAt, folded } as DocTable;
  if (docs.ids.length !== D) fail('article count');
  const termSection = next().toString('utf16le');
  const termText = T === 0 ? [] : termSection.split('\n');
  if (termText.length !== T) fail('term count');
  const termOrder = typed(next(), Int32Array, T);
  const placed = new Uint8Array(T);
  for (let i = 0; i < T; i++) {
    const id = termOrder[i];
    if (id < 0 || id >= T || placed[id]) fail('term order');
    placed[id] = 1;
  }
  const dfAny = typed(next(), Int32Array, T);
  const fieldLength = [typed(next(), Int32Array, D), typed(next(), Int32Array, D)];
  const base: BaseBlock = { termCount: T, offsets: [], docs: [], tfs: [] };
  for (let f = 0; f < FIELD_COUNT; f++) {
    const n = header.postings[f];
    const offsets = typed(next(), Int32Array, T + 1);
    const slots = typed(next(), Int32Array, n);
    const tfs = typed(next(), Uint16Array, n);
    if (offsets[0] !== 0 || offsets[T] !== n) fail('posting offsets');
    if (!isNonDecreasing(offsets)) fail('posting offsets');
    if (!isEveryBelow(slots, D)) fail('posting slot');
    base.offsets.push(offsets);
    base.docs.push(slots);
    base.tfs.push(tfs);
  }
  const forwardStart = typed(next(), Int32Array, D + 1);
  const forwardBytes = next();
  if (forwardBytes.length !== header.forwardBytes || forwardStart[D] !== forwardBytes.length) fail('forward index');
  const forward = new Uint8Array(forwardBytes.buffer, forwardBytes.byteOffset, forwardBytes.length);
  const index = InvertedIndex.restore({ termText, termOrder, dfAny, base, fieldLength, forward, forwardStart, slotCount: D });
  const W = header.rerankWordCount;
  const arena = typed(next(), Uint16Array, header.rerankArenaUnits);
  const wordStart = typed(next(), Int32Array, W + 1);
  if (wordStart[0] !== 0 || wordStart[W] !== arena.length) fail('rerank words');
  if (!isNonDecreasing(wordStart)) fail('rerank words');
  const wordRuns = typed(next(), Int32Array, D + 1);
  const wordIdBytes = next();
  const wordIds = new Uint8Array(wordIdBytes.buffer, wordIdBytes.byteOffset, wordIdBytes.length);
  if (wordRuns[0] !== 0 || wordRuns[D] !== wordIds.length) fail('rerank word runs');
  const rerankWords = RerankWords.restore(arena, wordStart, wordIds, wordRuns, D);
  const S = header.sentenceCount;
  if (!Number.isInteger(S) || S < 0) fail('bad header');
  const starts = typed(next(), Int32Array, D + 1);
  const hasTableBytes = next();
  if (hasTableBytes.length !== D) fail('sentence table');
  const hasTable = new Uint8Array(hasTableBytes.buffer, hasTableBytes.byteOffset, D);
  const hash = typed(next(), Int32Array, D);
  if (starts[0] !== 0 || starts[D] !== S) fail('sentence runs');
  for (let s = 0; s < D; s++) if (starts[s + 1] < starts[s] || (!hasTable[s] && starts[s + 1] !== starts[s])) fail('sentence runs');
  const para = typed(next(), Uint16Array, S);
  const from = typed(next(), Uint32Array, S);
  const to = typed(next(), Uint32Array, S);
  const words = typed(next(), Uint16Array, S);
  const bloom = typed(next(), Uint32Array, S * 4);
  if (!isEachAtMost(from, to)) fail('sentence bounds');
  const sentences = SentenceTable.restore({ starts, hasTable, hash, para, from, to, words, bloom }, D);
  return { index, docs, rerankWords, sentences, meta: header.meta ?? {} };
}

// The checks over whole sections are small functions of their own: a loop over millions of entries inside the
// long loader body ran ~3× slower (it was optimized late, on stack replacement), ~30 ms of every start at 31k.

function isNonDecreasing(a: Int32Array): boolean {
  for (let i = 1; i < a.length; i++) if (a[i] < a[i - 1]) return false;
  return true;
}

/** a[i] ≤ b[i] for every i. */
function isEachAtMost(a: Uint32Array, b: Uint32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] > b[i]) return false;
  return true;
}

/**
 * One section at a time, streamed through a stage of WRITE_CHUNK bytes: the length prefix, the content as values
 * or byte runs, the padding. The content must come to the length announced (checked at end()). Values of one
 * section share a width, and a section starts on an empty stage, so the typed views stay aligned.
 */
class SectionStream {
  private readonly stage = new Uint8Array(WRITE_CHUNK);
  private readonly i32 = new Int32Array(this.stage.buffer);
  private readonly u16 = new Uint16Array(this.stage.buffer);
  private at = 0;
  private announced = 0;
  private written = 0;

  constructor(private readonly put: (bytes: Uint8Array) => Promise<void>) {}

  async begin(length: number): Promise<void> {
    const head = Buffer.alloc(8);
    head.writeUInt32LE(length, 0);
    await this.put(head);
    this.announced = length;
    this.written = 0;
    this.at = 0;
  }

  /** The stage as values, for a section of one width written value by value: fill from 0, then flushValues. */
  get int32s(): Int32Array {
    return this.i32;
  }

  get uint16s(): Uint16Array {
    return this.u16;
  }

  /** Writes the first `count` values of `width` bytes put in the stage's typed view (on an empty stage). */
  async flushValues(count: number, width: number): Promise<void> {
    this.at = count * width;
    await this.flush();
  }

  async bytes(run: Uint8Array): Promise<void> {
    for (let from = 0; from < run.length; ) {
      const n = Math.min(run.length - from, WRITE_CHUNK - this.at);
      this.stage.set(run.subarray(from, from + n), this.at);
      this.at += n;
      from += n;
      if (this.at === WRITE_CHUNK) await this.flush();
    }
  }

  async flush(): Promise<void> {
    if (!this.at) return;
    this.written += this.at;
    await this.put(this.stage.subarray(0, this.at));
    this.at = 0;
  }

  async end(): Promise<void> {
    await this.flush();
    if (this.written !== this.announced) throw new Error(`an index section came to ${this.written} bytes, ${this.announced} announced`);
    await this.put(Buffer.alloc((8 - (this.announced % 8)) % 8));
  }
}

/** The bytes writeVarint takes for `value`. */
function varintBytes(value: number): number {
  let n = 1;
  while (value >= 128) (value = Math.floor(value / 128)), n++;
  return n;
}

/** The forward entries of `slot` in a snapshot, with term ids renumbered by `newTerm`, as varint values. */
function recodeForward(p: PostingsSnapshot, slot: number, newTerm: Int32Array, emit: (value: number) => void): void {
  let at = p.forwardStart[slot];
  const end = p.forwardEnd[slot];
  let id = 0;
  let previous = 0;
  while (at < end) {
    let byte = p.forward[at++];
    let value = byte & 0x7f;
    for (let scale = 128; byte & 0x80; scale *= 128) {
      byte = p.forward[at++];
      value += (byte & 0x7f) * scale;
    }
    id += Math.floor(value / 4);
    const term = newTerm[id];
    if (term < 0) throw new Error(`article ${slot} holds a term no live article holds`);
    emit((term - previous) * 4 + (value % 4));
    previous = term;
  }
}

/** Every entry in [0, bound). */
function isEveryBelow(a: Int32Array, bound: number): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] < 0 || a[i] >= bound) return false;
  return true;
}

interface Run {
  docs: Int32Array;
  tfs: Uint16Array;
  start: number;
  end: number;
}

function emptyRun(): Run {
  return { docs: new Int32Array(0), tfs: new Uint16Array(0), start: 0, end: 0 };
}

/** The runs of a term's postings in a snapshot (base block, tails being merged, tails) into `out`; their count. */
function snapshotRuns(p: PostingsSnapshot, term: number, field: number, out: Run[]): number {
  let n = 0;
  if (term < p.base.termCount) {
    const run = out[n++];
    run.docs = p.base.docs[field];
    run.tfs = p.base.tfs[field];
    run.start = p.base.offsets[field][term];
    run.end = p.base.offsets[field][term + 1];
  }
  for (let k = 0; k < 2; k++) {
    const tail = (k === 0 ? p.frozenTails : p.tails)?.[field];
    const length = tail ? tailLength(tail, term) : 0;
    if (!length) continue;
    const run = out[n++];
    run.docs = tail!.docs;
    run.tfs = tail!.tfs;
    run.start = tail!.start[term];
    run.end = run.start + length;
  }
  return n;
}

function bytesOf(array: Int32Array | Uint32Array | Uint16Array | Uint8Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

function growTyped<T extends Int32Array | Uint16Array>(array: T): T {
  const next = new (array.constructor as new (n: number) => T)(array.length * 2);
  next.set(array as never);
  return next;
}

/** Yields to the event loop once SLICE_MS of synchronous work has run since the last yield. */
function sliceClock() {
  let since = performance.now();
  return {
    async maybeYield(): Promise<void> {
      if (performance.now() - since < SLICE_MS) return;
      await nextBackgroundTurn();
      since = performance.now();
    },
  };
}
