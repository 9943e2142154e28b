package dev.olympus.embeddings;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.olympus.memory.Embedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An {@link Embedder} that runs the all-MiniLM-L6-v2 sentence model in this process (ONNX Runtime;
 * the model ships inside the jar): 384-dimension vectors, no server, no download, no network.
 * Loading takes about a second and some 100 MB of memory, so create one and share it.
 *
 * <pre>{@code
 * MemoryStore memory = SqliteMemoryStore.builder()
 *     .path(home.resolve("olympus.db"))
 *     .embedder(OfflineEmbedder.create())
 *     .build();
 * }</pre>
 *
 * <p>The model reads English best; a text longer than its 512-token window is split, and the parts'
 * vectors are averaged. Thread-safe; each call embeds on the calling thread.
 */
public final class OfflineEmbedder implements Embedder {
  /** The length of every vector. */
  public static final int DIMENSIONS = 384;

  private final EmbeddingModel model;

  private OfflineEmbedder(EmbeddingModel model) {
    this.model = model;
  }

  /**
   * Loads the model.
   *
   * @throws IllegalStateException if ONNX Runtime cannot run on this platform
   */
  public static OfflineEmbedder create() {
    try {
      return new OfflineEmbedder(new AllMiniLmL6V2EmbeddingModel(Runnable::run));
    } catch (RuntimeException | UnsatisfiedLinkError e) {
      throw new IllegalStateException("the offline embedding model could not be loaded: " + e, e);
    }
  }

  /**
   * One 384-dimension vector per text, in order.
   *
   * @throws NullPointerException if {@code texts} is null or holds a null
   * @throws IllegalArgumentException if {@code texts} is empty or holds a blank text
   */
  @Override
  public List<float[]> embed(List<String> texts) {
    Objects.requireNonNull(texts, "texts cannot be null");
    if (texts.isEmpty()) {
      throw new IllegalArgumentException("texts cannot be empty");
    }
    List<TextSegment> segments = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      String text = Objects.requireNonNull(texts.get(i), "texts cannot hold a null");
      if (text.isBlank()) {
        throw new IllegalArgumentException("texts[" + i + "] is blank");
      }
      segments.add(TextSegment.from(text));
    }
    List<float[]> vectors = new ArrayList<>(texts.size());
    for (Embedding embedding : model.embedAll(segments).content()) {
      vectors.add(embedding.vector());
    }
    return List.copyOf(vectors);
  }

  @Override
  public int dimensions() {
    return DIMENSIONS;
  }
}
