package dev.olympus.testing;

import static dev.olympus.testing.internal.Checks.noNulls;
import static dev.olympus.testing.internal.Checks.notNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.testing.internal.Checks;
import dev.olympus.testing.internal.HashedWords;
import dev.olympus.testing.internal.HttpFake;
import dev.olympus.testing.internal.Outcome;
import dev.olympus.testing.internal.Wire;
import dev.olympus.testing.internal.WireResponse;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * An in-process model server on a free loopback port that answers chat calls from a queue of {@link
 * FakeReply replies} and records every request it receives. {@link FakeOllama} and {@link
 * FakeOpenAi} speak the two wire formats; what they share is here.
 *
 * <p>A chat takes the next queued reply; when the queue is empty, the {@link #dispatch dispatcher}
 * answers (by default HTTP 400 "no reply is queued", which a router reports as a hard error, so a
 * test that asks more than it scripted fails loudly). An embedding request takes the next queued
 * reply only when it is a fault ({@link FakeReply.Kind#ERROR}, {@link FakeReply.Kind#DISCONNECT},
 * or one with a delay or a disconnect); otherwise the {@link #embedder embedder} computes the
 * vectors (by default a deterministic bag of hashed words in 32 dimensions).
 *
 * <p>Thread-safe: requests are served in parallel, and a test may enqueue while they run. Close the
 * server when done; closing ends every pending {@link FakeReply#withFirstByteDelay delay}.
 */
public abstract sealed class FakeModelServer implements AutoCloseable
    permits FakeOllama, FakeOpenAi {
  private final Wire wire;
  private final String chatPath;
  private final HttpFake http;
  private final Deque<FakeReply> queue = new ArrayDeque<>();
  private final List<RecordedRequest> requests = new ArrayList<>();
  private Function<RecordedRequest, FakeReply> dispatcher =
      request -> FakeReply.error(400, "no reply is queued for " + request.path());
  private Function<String, float[]> embedder = new HashedWords(32);

  FakeModelServer(Wire wire, String chatPath) {
    this.wire = wire;
    this.chatPath = chatPath;
    this.http = new HttpFake(this::record, this::unknown);
  }

  /** The server's base address, such as {@code http://127.0.0.1:41234}. */
  public final URI uri() {
    return http.uri();
  }

  /**
   * Appends {@code replies} to the queue; each answers one call, in order.
   *
   * @throws NullPointerException if {@code replies} is null or holds a null
   */
  public final synchronized void enqueue(FakeReply... replies) {
    queue.addAll(noNulls(List.of(notNull(replies, "replies")), "replies"));
  }

  /**
   * Appends a text answer for each of {@code texts} to the queue.
   *
   * @throws NullPointerException if {@code texts} is null or holds a null
   */
  public final void enqueueTexts(String... texts) {
    enqueue(
        List.of(notNull(texts, "texts")).stream().map(FakeReply::text).toArray(FakeReply[]::new));
  }

  /**
   * Answers chats with {@code dispatcher} whenever the queue is empty. It runs on the server's
   * thread and may block (to hold answers until a test lets them go); if it throws, the connection
   * closes without a response.
   *
   * @throws NullPointerException if {@code dispatcher} is null
   */
  public final synchronized void dispatch(Function<RecordedRequest, FakeReply> dispatcher) {
    this.dispatcher = notNull(dispatcher, "dispatcher");
  }

  /**
   * Answers every chat, whenever the queue is empty, with the text {@code answer} computes from the
   * request's last user message. The reply reports one prompt token per four characters of that
   * message (plus one) and {@code completionTokens}. A shortcut for {@link #dispatch}.
   *
   * @throws NullPointerException if {@code answer} is null
   * @throws IllegalArgumentException if {@code completionTokens} is negative
   */
  public final void answerEachPrompt(Function<String, String> answer, int completionTokens) {
    notNull(answer, "answer");
    Checks.notNegative(completionTokens, "completionTokens");
    dispatch(
        request -> {
          String prompt = request.lastMessage("user").orElse("");
          return FakeReply.text(answer.apply(prompt))
              .withUsage(prompt.length() / 4 + 1, completionTokens);
        });
  }

  /**
   * Computes the embedding of each text with {@code embedder} from now on.
   *
   * @throws NullPointerException if {@code embedder} is null
   */
  public final synchronized void embedder(Function<String, float[]> embedder) {
    this.embedder = notNull(embedder, "embedder");
  }

  /** Every request received so far, in the order they arrived. */
  public final synchronized List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /**
   * The requests received so far to {@code path} (such as {@code /api/chat}), in order.
   *
   * @throws NullPointerException if {@code path} is null
   */
  public final synchronized List<RecordedRequest> requests(String path) {
    notNull(path, "path");
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  /**
   * The chat requests received so far ({@code /api/chat} or {@code /v1/chat/completions}), in
   * order.
   */
  public final List<RecordedRequest> chatRequests() {
    return requests(chatPath);
  }

  /** How many queued replies have not been used yet. */
  public final synchronized int remaining() {
    return queue.size();
  }

  /** Stops the server and drops open connections. Idempotent. */
  @Override
  public void close() {
    http.close();
  }

  final void route(String path, Function<RecordedRequest, Outcome> route) {
    http.route(path, route);
  }

  final Wire wire() {
    return wire;
  }

  /** The answer to a chat: the next queued reply or the dispatcher's. */
  final Outcome chat(RecordedRequest request) {
    FakeReply reply;
    Function<RecordedRequest, FakeReply> fallback;
    synchronized (this) {
      reply = queue.poll();
      fallback = dispatcher;
    }
    return render(request.json(), reply != null ? reply : fallback.apply(request));
  }

  /** The answer to an embedding request: a queued fault, or the embedder's vectors. */
  final Outcome embed(RecordedRequest request) {
    FakeReply fault;
    Function<String, float[]> vectors;
    synchronized (this) {
      fault = isFault(queue.peek()) ? queue.poll() : null;
      vectors = embedder;
    }
    if (fault != null) {
      return render(request.json(), fault);
    }
    JsonNode body = request.json();
    return Outcome.of(wire.embed(body, Wire.inputs(body), vectors));
  }

  private static boolean isFault(FakeReply reply) {
    return reply != null
        && (reply.kind() != FakeReply.Kind.ANSWER
            || !reply.firstByteDelay().isZero()
            || reply.disconnectAfter() >= 0);
  }

  private Outcome render(JsonNode request, FakeReply reply) {
    WireResponse response =
        switch (reply.kind()) {
          case ANSWER -> wire.chat(request, reply);
          case ERROR -> error(reply);
          case DISCONNECT -> null;
        };
    return new Outcome(response, reply.firstByteDelay(), reply.disconnectAfter());
  }

  private WireResponse error(FakeReply reply) {
    WireResponse error = wire.error(reply.status(), reply.text());
    return reply
        .retryAfter()
        .map(wait -> error.withHeader("Retry-After", Long.toString(seconds(wait))))
        .orElse(error);
  }

  private static long seconds(java.time.Duration wait) {
    return wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
  }

  private synchronized void record(RecordedRequest request) {
    requests.add(request);
  }

  private Outcome unknown(RecordedRequest request) {
    return Outcome.of(wire.error(404, "no route for " + request.path()));
  }
}
