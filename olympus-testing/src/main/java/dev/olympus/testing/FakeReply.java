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

  private FakeReply(
      Kind kind,
      String text,
      Optional<String> refusal,
      List<Call> calls,
      int[] tokens,
      boolean lengthLimited,
      int status,
      Optional<Duration> retryAfter,
      Duration firstByteDelay,
      int disconnectAfter) {
    this.kind = kind;
    this.text = text;
    this.refusal = refusal;
    this.calls = List.copyOf(calls);
    this.promptTokens = tokens[0];
    this.completionTokens = tokens[1];
    this.lengthLimited = lengthLimited;
    this.status = status;
    this.retryAfter = retryAfter;
    this.firstByteDelay = firstByteDelay;
    this.disconnectAfter = disconnectAfter;
  }

  private static FakeReply of(Kind kind, String text, int status, Optional<Duration> retryAfter) {
    return new FakeReply(
        kind,
        text,
        Optional.empty(),
        List.of(),
        new int[] {100, 20},
        false,
        status,
        retryAfter,
        Duration.ZERO,
        -1);
  }

  private FakeReply copy(
      Optional<String> refusal, List<Call> calls, int[] tokens, boolean lengthLimited) {
    return new FakeReply(
        kind,
        text,
        refusal,
        calls,
        tokens,
        lengthLimited,
        status,
        retryAfter,
        firstByteDelay,
        disconnectAfter);
  }

  private FakeReply timing(Duration firstByteDelay, int disconnectAfter) {
    return new FakeReply(
        kind,
        text,
        refusal,
        calls,
        new int[] {promptTokens, completionTokens},
        lengthLimited,
        status,
        retryAfter,
        firstByteDelay,
        disconnectAfter);
  }

  /**
   * An answer with {@code text}, 100 prompt and 20 completion tokens, stopped normally.
   *
   * @throws NullPointerException if {@code text} is null
   */
  public static FakeReply text(String text) {
    return of(Kind.ANSWER, notNull(text, "text"), 200, Optional.empty());
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
    FakeReply reply = text(notNull(reason, "reason"));
    return reply.copy(Optional.of(reason), reply.calls, reply.tokens(), false);
  }

  /**
   * An HTTP error {@code status} whose body carries {@code message} in the server's error shape.
   *
   * @throws NullPointerException if {@code message} is null
   * @throws IllegalArgumentException if {@code status} is not in 400..599
   */
  public static FakeReply error(int status, String message) {
    argument(status >= 400 && status <= 599, "status must be in [400, 599] but was " + status);
    return of(Kind.ERROR, notNull(message, "message"), status, Optional.empty());
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
    return of(Kind.ERROR, "rate limit reached", 429, Optional.of(retryAfter));
  }

  /** Closes the connection without sending a response. */
  public static FakeReply disconnect() {
    return of(Kind.DISCONNECT, "", 0, Optional.empty());
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
    return copy(refusal, more, tokens(), lengthLimited);
  }

  /**
   * This answer reporting {@code prompt} and {@code completion} tokens.
   *
   * @throws IllegalArgumentException if a count is negative
   */
  public FakeReply withUsage(int prompt, int completion) {
    notNegative(prompt, "prompt");
    notNegative(completion, "completion");
    return copy(refusal, calls, new int[] {prompt, completion}, lengthLimited);
  }

  /** This answer stopped by the completion cap: finish reason {@code length}. */
  public FakeReply withLengthLimit() {
    return copy(refusal, calls, tokens(), true);
  }

  /**
   * This reply sent only after {@code delay}: a slow model (a test's client timeout fires first).
   * Closing the server ends the wait.
   *
   * @throws NullPointerException if {@code delay} is null
   * @throws IllegalArgumentException if {@code delay} is negative
   */
  public FakeReply withFirstByteDelay(Duration delay) {
    return timing(notNegative(delay, "delay"), disconnectAfter);
  }

  /**
   * This answer cut off after {@code chunks} pieces of its body: status 200 and the first pieces
   * arrive, then the connection closes without the rest. A whole (non-streamed) body is one piece.
   *
   * @throws IllegalArgumentException if {@code chunks} is negative
   */
  public FakeReply withDisconnectAfter(int chunks) {
    return timing(firstByteDelay, notNegative(chunks, "chunks"));
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

  private int[] tokens() {
    return new int[] {promptTokens, completionTokens};
  }

  @Override
  public String toString() {
    return "FakeReply[" + kind + " " + status + " " + (calls.isEmpty() ? text : calls) + "]";
  }
}
