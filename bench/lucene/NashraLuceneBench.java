// Lucene 8 peer for bench/search.ts: Debian's liblucene8-java, ArabicAnalyzer, BM25Similarity (defaults), an
// index in a temporary folder (MMapDirectory, as a Lucene application would run it). The Node benchmark drives it
// over stdin/stdout, one command per line, so its queries interleave with Nashra's, query by query:
//   build <corpus.tsv> <title+body|body|title+body+stored>  → "built <ms> <heapBytes> <indexBytes>"
//   q <limit> <query text>                → "r <nanoseconds> <totalHits> <id> <id> …"  (time measured in here)
//   qs <limit> <query text>               → the same, and a snippet of each hit's body by the UnifiedHighlighter
//                                            (index built with "title+body+stored": the body stored, with offsets),
//                                            which is what Nashra's search() returns beside the ids
//   quit
// corpus.tsv: one article per line, "id \t title \t body" (tabs and newlines in the text replaced by spaces).
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.document.*;
import org.apache.lucene.index.*;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.*;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.MMapDirectory;

public class NashraLuceneBench {
  static Path dir;
  static DirectoryReader reader;
  static IndexSearcher searcher;
  static QueryParser parser;
  static UnifiedHighlighter highlighter;
  static final Analyzer analyzer = new ArabicAnalyzer();

  public static void main(String[] args) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, "UTF-8");
    for (String line; (line = in.readLine()) != null; ) {
      if (line.startsWith("build ")) {
        String[] parts = line.split(" ", 3);
        out.println(build(Paths.get(parts[1]), parts[2].equals("body"), parts[2].equals("title+body+stored")));
      } else if (line.startsWith("q ")) {
        String[] parts = line.split(" ", 3);
        out.println(query(Integer.parseInt(parts[1]), parts.length > 2 ? parts[2] : "", false));
      } else if (line.startsWith("qs ")) {
        String[] parts = line.split(" ", 3);
        out.println(query(Integer.parseInt(parts[1]), parts.length > 2 ? parts[2] : "", true));
      } else if (line.equals("quit")) {
        break;
      }
    }
    close();
  }

  static String build(Path corpus, boolean bodyOnly, boolean storedBody) throws Exception {
    close();
    dir = Files.createTempDirectory("nashra-lucene-");
    long heapBefore = usedHeap();
    long started = System.nanoTime();
    FieldType bodyType = new FieldType(storedBody ? TextField.TYPE_STORED : TextField.TYPE_NOT_STORED);
    if (storedBody) bodyType.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    bodyType.freeze();
    IndexWriterConfig config = new IndexWriterConfig(analyzer).setSimilarity(new BM25Similarity()).setRAMBufferSizeMB(256);
    try (MMapDirectory directory = new MMapDirectory(dir); IndexWriter writer = new IndexWriter(directory, config);
         BufferedReader lines = Files.newBufferedReader(corpus, StandardCharsets.UTF_8)) {
      for (String line; (line = lines.readLine()) != null; ) {
        String[] f = line.split("\t", 3);
        Document doc = new Document();
        doc.add(new StringField("id", f[0], Field.Store.YES));
        if (!bodyOnly) doc.add(new TextField("title", f[1], Field.Store.NO));
        doc.add(new Field("body", f.length > 2 ? f[2] : "", bodyType));
        writer.addDocument(doc);
      }
      writer.commit();
    }
    reader = DirectoryReader.open(new MMapDirectory(dir));
    searcher = new IndexSearcher(reader);
    searcher.setSimilarity(new BM25Similarity());
    highlighter = storedBody ? new UnifiedHighlighter(searcher, analyzer) : null;
    parser = bodyOnly ? new QueryParser("body", analyzer) : new MultiFieldQueryParser(new String[] {"title", "body"}, analyzer);
    long ms = (System.nanoTime() - started) / 1_000_000;
    long heap = usedHeap() - heapBefore;
    long bytes = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path p : files) bytes += Files.size(p);
    }
    return "built " + ms + " " + heap + " " + bytes;
  }

  static String query(int limit, String text, boolean snippets) throws Exception {
    long started = System.nanoTime();
    StringBuilder ids = new StringBuilder();
    long total = 0;
    String escaped = QueryParser.escape(text).trim();
    if (!escaped.isEmpty()) {
      Query q = parser.parse(escaped);
      TopDocs top = searcher.search(q, Math.max(1, limit));
      total = top.totalHits.value;
      for (ScoreDoc sd : top.scoreDocs) ids.append(' ').append(searcher.doc(sd.doc).get("id"));
      if (snippets && highlighter != null && top.scoreDocs.length > 0) {
        // Computed and kept, as a page of results would show them.
        lastSnippets = highlighter.highlight("body", q, top);
      }
    }
    long nanos = System.nanoTime() - started;
    return "r " + nanos + " " + total + ids;
  }

  /** The last page's snippets, held so that the JIT cannot drop their computation. */
  static String[] lastSnippets;

  static long usedHeap() {
    for (int i = 0; i < 3; i++) System.gc();
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  static void close() throws IOException {
    if (reader != null) reader.close();
    reader = null;
    if (dir != null) {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
        for (Path p : files) Files.delete(p);
      }
      Files.delete(dir);
    }
    dir = null;
  }
}
