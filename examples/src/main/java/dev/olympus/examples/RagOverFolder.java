package dev.olympus.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.olympus.llm.ChatRequest;
import dev.olympus.llm.ChatResponse;
import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.OllamaProvider;
import dev.olympus.memory.CacheEntry;
import dev.olympus.memory.Citation;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SearchHit;
import dev.olympus.memory.SqliteMemoryStore;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Retrieval- and cache-augmented answers over a folder of documents. {@link #ask} first looks the
 * question up in the memory's cache (CAG): a live entry answers with no model call at all. On a
 * miss it retrieves the best chunks (keyword BM25, fused with vectors when the store has an
 * embedder), asks the model to answer from them citing {@code [source]}, and caches the answer with
 * its citations for the time to live, tagged by source so a changed document can invalidate it.
 *
 * <pre>{@code
 * MemoryStore memory = SqliteMemoryStore.builder().path(db).embedder(router::embed).build();
 * FolderIngest.ingest(memory, Path.of("docs"));
 * RagOverFolder rag = new RagOverFolder(memory, router, Duration.ofMinutes(10));
 * RagOverFolder.Answer answer = rag.ask("How much did revenue grow?");
 * }</pre>
 *
 * <p>Run: {@code mvn -pl examples exec:java -Dexec.mainClass=dev.olympus.examples.RagOverFolder
 * -Dexec.args="docs 'How much did revenue grow?'"} (needs {@code ollama serve}). Thread-safe.
 */
public final class RagOverFolder {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SYSTEM =
      "Answer the question using only the numbered sources. Cite each fact as [source id]. If the"
          + " sources do not say, answer that you do not know.";

  private final MemoryStore memory;
  private final LlmRouter llm;
  private final Duration ttl;

  /**
   * An answer with the passages it was drawn from.
   *
   * @param text the model's answer
   * @param sources the retrieved passages, best first
   * @param cached true if it came from the cache without a model call
   */
  public record Answer(String text, List<Citation> sources, boolean cached) {
    /** Copies the sources. */
    public Answer {
      sources = List.copyOf(sources);
    }
  }

  /** Answers from {@code memory}'s documents with {@code llm}, caching answers for {@code ttl}. */
  public RagOverFolder(MemoryStore memory, LlmRouter llm, Duration ttl) {
    this.memory = memory;
    this.llm = llm;
    this.ttl = ttl;
  }

  /** Ingests {@code args[0]} and answers {@code args[1]} with the local Ollama model. */
  public static void main(String[] args) throws Exception {
    String usage = "usage: RagOverFolder <folder> <question>";
    Path folder = MainArgs.pathOrExit(args, 0, usage).orElse(null);
    if (folder == null || args.length < 2) {
      System.err.println(usage);
      System.exit(2);
    }
    PrintStream out = System.out;
    URI ollama = URI.create(System.getenv().getOrDefault("OLLAMA_URL", "http://127.0.0.1:11434"));
    LlmRouter llm = LlmRouter.builder().local(OllamaProvider.at(ollama, "llama3.2")).build();
    try (MemoryStore memory = SqliteMemoryStore.builder().embedder(llm::embed).build()) {
      out.println(FolderIngest.ingest(memory, folder));
      Answer answer = new RagOverFolder(memory, llm, Duration.ofMinutes(10)).ask(args[1]);
      out.println(answer.text());
      answer.sources().forEach(c -> out.println("  [" + c.sourceId() + "] " + c.snippet()));
    }
  }

  /** Answers {@code question} from the cache, or by retrieval and one model call. */
  public Answer ask(String question) {
    String key = cacheKey(question);
    Optional<CacheEntry> hit = memory.cache().get(key);
    if (hit.isPresent()) {
      Answer stored = read(hit.get().value());
      return new Answer(stored.text(), stored.sources(), true);
    }
    List<Citation> sources =
        memory.documents().search(question, 3).stream().map(SearchHit::citation).toList();
    ChatResponse response =
        llm.chat(
            ChatRequest.builder()
                .system(SYSTEM)
                .user(prompt(question, sources))
                .temperature(0)
                .build());
    Answer answer = new Answer(response.text(), sources, false);
    Set<String> tags =
        sources.stream()
            .map(c -> "source:" + c.sourceId())
            .collect(java.util.stream.Collectors.toSet());
    memory.cache().put(key, write(answer), ttl, tags, Map.of("question", question));
    return answer;
  }

  static String prompt(String question, List<Citation> sources) {
    StringBuilder prompt = new StringBuilder("Sources:\n");
    for (Citation c : sources) {
      prompt.append("[").append(c.sourceId()).append("] ").append(c.snippet()).append("\n");
    }
    return prompt.append("\nQuestion: ").append(question).toString();
  }

  private static String cacheKey(String question) {
    String normal = question.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(normal.getBytes(StandardCharsets.UTF_8));
      return "rag:" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  private static String write(Answer answer) {
    try {
      return JSON.writeValueAsString(answer);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an answer is always writable", e);
    }
  }

  private static Answer read(String json) {
    try {
      return JSON.readValue(json, Answer.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cached answer is not readable: " + e.getMessage(), e);
    }
  }
}
