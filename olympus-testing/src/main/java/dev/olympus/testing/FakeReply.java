package dev.olympus.testing;

import static dev.olympus.testing.internal.Checks.argument;
import static dev.olympus.testing.internal.Checks.notBlank;
import static dev.olympus.testing.internal.Checks.notNegative;
import static dev.olympus.testing.internal.Checks.notNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a {@link FakeModelServer} answers to one model call: a model's answer (text, tool calls,
 * token counts), an HTTP error, or a fault (a slow first byte, a dropped connection, a stream cut
 * off part way). The server renders it in its own wire format.
 *
 * <pre>{@code
 * server.enqueue(FakeReply.rateLimited(Duration.ofSeconds(1)));          // 429 + Retry-After: 1
 * server.enqueue(FakeReply.text("Hello there").withUsage(12, 3));
 * server.enqueue(FakeReply.toolCall("fs.read", "{\"path\":\"notes.md\"}"));
 * server.enqueue(FakeReply.text("a long answer").withDisconnectAfter(2)); // mid-stream drop
 * }</pre>
 *
 * <p>Immutable and thread-safe; the {@code with...} methods return changed copies.
 */
public final class FakeReply {
  /** What kind of reply this is. */
  public enum Kind {
    /** A model's answer with status 200. */
    ANSWER,
    /** An HTTP error status with the server's error body. */
    ERROR,
    /** The connection closes before any byte of a response. */
    DISCONNECT
  }

  /**
   * A tool call of a scripted answer.
   *
   * @param name the tool's name
   * @param arguments the arguments as JSON text (sent as an object on Ollama's wire when it parses)
   */
  public record Call(String name, String arguments) {
    /**
     * Checks the fields.
     *
     * @throws NullPointerException if a field is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public Call {
      notBlank(name, "name");
      notNull(arguments, "arguments");
    }
  }

  private final Kind kind;
  private final String text;
  private final Optional<String> refusal;
  private final List<Call> calls;
  private final int promptTokens;
  private final int completionTokens;
  private final boolean lengthLimited;
  private final int status;
  private final Optional<Duration> retryAfter;
  private final Duration firstByteDelay;
  private final int disconnectAfter;

  // Every reply starts as one of the factories' and changes through Changes, one field at a time.
  private FakeReply(Changes c) {
    this.kind = c.kind;
    this.text = c.text;
    this.refusal = c.refusal;
    this.calls = List.copyOf(c.calls);
    this.promptTokens = c.promptTokens;
    this.completionTokens = c.completionTokens;
    this.lengthLimited = c.lengthLimited;
    this.status = c.status;
    this.retryAfter = c.retryAfter;
    this.firstByteDelay = c.firstByteDelay;
    this.disconnectAfter = c.disconnectAfter;
  }

  /** The mutable fields of a reply being derived; never leaves this class. */
  private static final class Changes {
    Kind kind;
    String text;
    Optional<String> refusal = Optional.empty();
    List<Call> calls = List.of();
    int promptTokens = 100;
    int completionTokens = 20;
    boolean lengthLimited;
    int status;
    Optional<Duration> retryAfter = Optional.empty();
    Duration firstByteDelay = Duration.ZERO;
    int disconnectAfter = -1;

    Changes(Kind kind, String text, int status) {
      this.kind = kind;
      this.text = text;
      this.status = status;
    }

    Changes(FakeReply r) {
      this(r.kind, r.text, r.status);
      refusal = r.refusal;
      calls = r.calls;
      promptTokens = r.promptTokens;
      completionTokens = r.completionTokens;
      lengthLimited = r.lengthLimited;
      retryAfter = r.retryAfter;
      firstByteDelay = r.firstByteDelay;
      disconnectAfter = r.disconnectAfter;
    }
  }

  private FakeReply with(java.util.function.Consumer<Changes> change) {
    Changes changes = new Changes(this);
    change.accept(changes);
    return new FakeReply(changes);
  }

  /**
   * An answer with {@code text}, 100 prompt and 20 completion tokens, stopped normally.
   *
   * @throws NullPointerException if {@code text} is null
   */
  public static FakeReply text(String text) {
    return new FakeReply(new Changes(Kind.ANSWER, notNull(text, "text"), 200));
  }

  /**
   * An answer without text that calls {@code tool} with {@code arguments} (JSON text).
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code tool} is blank
   */
  public static FakeReply toolCall(String tool, String arguments) {
    return text("").withToolCall(tool, arguments);
  }

  /**
   * A refusal: OpenAI's {@code message.refusal} with no content; plain text on Ollama's wire.
   *
   * @throws NullPointerException if {@code reason} is null
   */
  public static FakeReply refusal(String reason) {
    return text(notNull(reason, "reason")).with(c -> c.refusal = Optional.of(reason));
  }

  /**
   * An HTTP error {@code status} whose body carries {@code message} in the server's error shape.
   *
   * @throws NullPointerException if {@code message} is null
   * @throws IllegalArgumentException if {@code status} is not in 400..599
   */
  public static FakeReply error(int status, String message) {
    argument(status >= 400 && status <= 599, "status must be in [400, 599] but was " + status);
    return new FakeReply(new Changes(Kind.ERROR, notNull(message, "message"), status));
  }

  /** An HTTP 500 "internal server error". */
  public static FakeReply serverError() {
    return error(500, "internal server error");
  }

  /**
   * An HTTP 429 with {@code Retry-After} in whole seconds (rounded up).
   *
   * @throws NullPointerException if {@code retryAfter} is null
   * @throws IllegalArgumentException if {@code retryAfter} is negative
   */
  public static FakeReply rateLimited(Duration retryAfter) {
    notNegative(retryAfter, "retryAfter");
    return error(429, "rate limit reached").with(c -> c.retryAfter = Optional.of(retryAfter));
  }

  /** Closes the connection without sending a response. */
  public static FakeReply disconnect() {
    return new FakeReply(new Changes(Kind.DISCONNECT, "", 0));
  }

  /**
   * This answer also calling {@code tool} with {@code arguments} (JSON text).
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code tool} is blank
   */
  public FakeReply withToolCall(String tool, String arguments) {
    List<Call> more = new ArrayList<>(calls);
    more.add(new Call(tool, arguments));
    return with(c -> c.calls = more);
  }

  /**
   * This answer reporting {@code prompt} and {@code completion} tokens.
   *
   * @throws IllegalArgumentException if a count is negative
   */
  public FakeReply withUsage(int prompt, int completion) {
    notNegative(prompt, "prompt");
    notNegative(completion, "completion");
    return with(
        c -> {
          c.promptTokens = prompt;
          c.completionTokens = completion;
        });
  }

  /** This answer stopped by the completion cap: finish reason {@code length}. */
  public FakeReply withLengthLimit() {
    return with(c -> c.lengthLimited = true);
  }

  /**
   * This reply sent only after {@code delay}: a slow model (a test's client timeout fires first).
   * Closing the server ends the wait.
   *
   * @throws NullPointerException if {@code delay} is null
   * @throws IllegalArgumentException if {@code delay} is negative
   */
  public FakeReply withFirstByteDelay(Duration delay) {
    notNegative(delay, "delay");
    return with(c -> c.firstByteDelay = delay);
  }

  /**
   * This answer cut off after {@code chunks} pieces of its body: status 200 and the first pieces
   * arrive, then the connection closes without the rest. A whole (non-streamed) body is one piece.
   *
   * @throws IllegalArgumentException if {@code chunks} is negative
   */
  public FakeReply withDisconnectAfter(int chunks) {
    notNegative(chunks, "chunks");
    return with(c -> c.disconnectAfter = chunks);
  }

  /** What kind of reply this is. */
  public Kind kind() {
    return kind;
  }

  /** The answer's text, or the error's message. */
  public String text() {
    return text;
  }

  /** The refusal, if this answer is one. */
  public Optional<String> refusal() {
    return refusal;
  }

  /** The tool calls of this answer, in order. */
  public List<Call> calls() {
    return calls;
  }

  /** The prompt tokens this answer reports. */
  public int promptTokens() {
    return promptTokens;
  }

  /** The completion tokens this answer reports. */
  public int completionTokens() {
    return completionTokens;
  }

  /** Whether this answer stopped at the completion cap. */
  public boolean lengthLimited() {
    return lengthLimited;
  }

  /** The HTTP status: 200 for an answer, 0 for a disconnect. */
  public int status() {
    return status;
  }

  /** The {@code Retry-After} this error carries, if any. */
  public Optional<Duration> retryAfter() {
    return retryAfter;
  }

  /** How long the server waits before the first byte. */
  public Duration firstByteDelay() {
    return firstByteDelay;
  }

  /** After how many body pieces the connection closes, or -1 for a whole reply. */
  public int disconnectAfter() {
    return disconnectAfter;
  }

  @Override
  public String toString() {
    return "FakeReply[" + kind + " " + status + " " + (calls.isEmpty() ? text : calls) + "]";
  }
}
