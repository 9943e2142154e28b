package dev.olympus.testing;

import static dev.olympus.testing.internal.Checks.noNulls;
import static dev.olympus.testing.internal.Checks.notNull;

import dev.olympus.testing.internal.OllamaWire;
import dev.olympus.testing.internal.Outcome;
import java.util.List;
import java.util.function.Function;

/**
 * A fake Ollama speaking its native API (docs/api.md): {@code POST /api/chat} (one JSON object, or
 * NDJSON when {@code stream} is true, Ollama's default), {@code POST /api/embed}, {@code GET
 * /api/tags} and {@code POST /api/show}. Chats and embeddings for a model that is not {@link
 * #models pulled} answer 404 {@code model "x" not found, try pulling it first}, like a real server.
 *
 * <pre>{@code
 * try (FakeOllama ollama = FakeOllama.start()) {
 *   ollama.enqueue(FakeReply.rateLimited(Duration.ofSeconds(1)), FakeReply.text("Hi!"));
 *   LlmRouter router = LlmRouter.builder().local(OllamaProvider.at(ollama.uri(), "llama3.2")).build();
 *   assertEquals("Hi!", router.chat(ChatRequest.of("Hello")).text());
 *   assertEquals(2, ollama.requests("/api/chat").size());
 * }
 * }</pre>
 *
 * <p>Thread-safe; see {@link FakeModelServer} for the queue and the recording.
 */
public final class FakeOllama extends FakeModelServer {
  private volatile List<String> models = List.of("llama3.2:latest");

  private FakeOllama() {
    super(new OllamaWire(), "/api/chat");
    route("/api/tags", request -> Outcome.of(OllamaWire.tags(models)));
    route("/api/show", request -> Outcome.of(OllamaWire.show()));
    route("/api/chat", request -> pulledOr(request, this::chat));
    route("/api/embed", request -> pulledOr(request, this::embed));
  }

  /** Starts a fake Ollama with {@code llama3.2:latest} pulled and nothing queued. */
  public static FakeOllama start() {
    return new FakeOllama();
  }

  /**
   * Replaces the pulled models (as {@code /api/tags} lists them, such as {@code llama3.2:latest});
   * none makes every chat and embedding answer 404.
   *
   * @throws NullPointerException if {@code names} is null or holds a null
   */
  public void models(String... names) {
    this.models = List.copyOf(noNulls(List.of(notNull(names, "names")), "names"));
  }

  private Outcome pulledOr(RecordedRequest request, Function<RecordedRequest, Outcome> serve) {
    String model = request.json().path("model").asText();
    List<String> pulled = models;
    if (pulled.contains(model) || pulled.contains(model + ":latest")) {
      return serve.apply(request);
    }
    return Outcome.of(((OllamaWire) wire()).notPulled(model));
  }
}
