package dev.olympus.testing;

import static dev.olympus.testing.internal.Checks.noNulls;
import static dev.olympus.testing.internal.Checks.notBlank;
import static dev.olympus.testing.internal.Checks.notNull;

import dev.olympus.llm.ChatMessage;
import dev.olympus.llm.ChatRequest;
import dev.olympus.llm.FinishReason;
import dev.olympus.llm.HardException;
import dev.olympus.llm.LlmException;
import dev.olympus.llm.Usage;
import dev.olympus.llm.spi.Capability;
import dev.olympus.llm.spi.EmbeddingReply;
import dev.olympus.llm.spi.LlmProvider;
import dev.olympus.llm.spi.ProviderReply;
import dev.olympus.testing.internal.HashedWords;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * An {@link LlmProvider} with no server: each chat takes the next queued answer (a text, a whole
 * {@link ProviderReply}, or a failure) and every request is recorded. When the queue is empty the
 * {@link #dispatch dispatcher} answers; by default it throws a {@link HardException} saying that
 * nothing is queued, so a test that asks more than it scripted fails loudly. Embeddings come from
 * the {@link #embedder embedder}, by default a deterministic bag of hashed words in 32 dimensions.
 *
 * <pre>{@code
 * ScriptedProvider model = ScriptedProvider.named("scripted", "llama3.2");
 * model.enqueueTexts("{\"steps\": []}");
 * model.enqueueFailure(new TransientException("scripted", "busy", null));
 * LlmRouter router = LlmRouter.builder().local(model).build();
 * ... run the code under test ...
 * assertEquals(2, model.requests().size());
 * }</pre>
 *
 * <p>Thread-safe. Text answers report one token per four characters (at least one) of the prompt
 * and of the answer, and stop normally.
 */
public final class ScriptedProvider implements LlmProvider {
  private final String name;
  private final String model;
  private final Deque<Function<ChatRequest, ProviderReply>> queue = new ArrayDeque<>();
  private final List<ChatRequest> requests = new ArrayList<>();
  private Function<String, float[]> embedder = new HashedWords(32);
  private Set<Capability> capabilities = EnumSet.allOf(Capability.class);
  private Function<ChatRequest, ProviderReply> dispatcher;

  private ScriptedProvider(String name, String model) {
    this.name = name;
    this.model = model;
    this.dispatcher =
        request -> {
          throw new HardException(name, 0, "no reply is queued in ScriptedProvider " + name, null);
        };
  }

  /**
   * A provider called {@code name} serving {@code model}, with every capability and nothing queued.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if an argument is blank
   */
  public static ScriptedProvider named(String name, String model) {
    return new ScriptedProvider(notBlank(name, "name"), notBlank(model, "model"));
  }

  /**
   * Appends one text answer per element of {@code texts}.
   *
   * @throws NullPointerException if {@code texts} is null or holds a null
   */
  public void enqueueTexts(String... texts) {
    for (String text : noNulls(List.of(notNull(texts, "texts")), "texts")) {
      enqueue(request -> textReply(request, text));
    }
  }

  /**
   * Appends {@code reply} as the answer to one call.
   *
   * @throws NullPointerException if {@code reply} is null
   */
  public void enqueueReply(ProviderReply reply) {
    notNull(reply, "reply");
    enqueue(request -> reply);
  }

  /**
   * Appends a call that fails with {@code failure}.
   *
   * @throws NullPointerException if {@code failure} is null
   */
  public void enqueueFailure(LlmException failure) {
    notNull(failure, "failure");
    enqueue(
        request -> {
          throw failure;
        });
  }

  /**
   * Appends {@code answer}, which computes the reply to one call from its request (or throws).
   *
   * @throws NullPointerException if {@code answer} is null
   */
  public synchronized void enqueue(Function<ChatRequest, ProviderReply> answer) {
    queue.add(notNull(answer, "answer"));
  }

  /**
   * Answers every call with {@code dispatcher} whenever the queue is empty.
   *
   * @throws NullPointerException if {@code dispatcher} is null
   */
  public synchronized void dispatch(Function<ChatRequest, ProviderReply> dispatcher) {
    this.dispatcher = notNull(dispatcher, "dispatcher");
  }

  /**
   * Computes the embedding of each text with {@code embedder} from now on.
   *
   * @throws NullPointerException if {@code embedder} is null
   */
  public synchronized void embedder(Function<String, float[]> embedder) {
    this.embedder = notNull(embedder, "embedder");
  }

  /**
   * Declares only {@code capabilities} from now on, so the router passes this provider by for calls
   * that need another.
   *
   * @throws NullPointerException if {@code capabilities} is null or holds a null
   */
  public synchronized void capabilities(Set<Capability> capabilities) {
    noNulls(capabilities, "capabilities");
    this.capabilities =
        capabilities.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(capabilities);
  }

  /** Every chat request received so far, in order. */
  public synchronized List<ChatRequest> requests() {
    return List.copyOf(requests);
  }

  /** How many queued answers have not been used yet. */
  public synchronized int remaining() {
    return queue.size();
  }

  /**
   * A text answer to {@code request} as this provider gives one: stopped normally, with token
   * counts estimated from the lengths.
   *
   * @throws NullPointerException if an argument is null
   */
  public ProviderReply textReply(ChatRequest request, String text) {
    long prompt = 0;
    for (ChatMessage message : notNull(request, "request").messages()) {
      prompt += message.content().length();
    }
    return new ProviderReply(
        notNull(text, "text"),
        List.of(),
        FinishReason.STOP,
        new Usage(tokens(prompt), tokens(text.length())),
        model);
  }

  private static long tokens(long characters) {
    return Math.max(1, characters / 4);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String model() {
    return model;
  }

  @Override
  public synchronized Set<Capability> capabilities() {
    return Set.copyOf(capabilities);
  }

  /**
   * Records {@code request} and answers with the next queued answer or the dispatcher.
   *
   * @throws LlmException the queued failure, or a {@link HardException} if nothing is queued and no
   *     dispatcher was set
   */
  @Override
  public ProviderReply chat(ChatRequest request) {
    notNull(request, "request");
    Function<ChatRequest, ProviderReply> answer;
    synchronized (this) {
      requests.add(request);
      answer = queue.isEmpty() ? dispatcher : queue.poll();
    }
    return answer.apply(request);
  }

  /**
   * Embeds each text with the {@link #embedder embedder}: by default a normalized bag of hashed
   * words in 32 dimensions.
   */
  @Override
  public EmbeddingReply embed(List<String> texts) {
    Function<String, float[]> vectorOf;
    synchronized (this) {
      vectorOf = embedder;
    }
    List<float[]> vectors = new ArrayList<>();
    long tokens = 0;
    for (String text : noNulls(texts, "texts")) {
      vectors.add(vectorOf.apply(text));
      tokens += tokens(text.length());
    }
    return new EmbeddingReply(vectors, tokens, model);
  }
}
