package dev.olympus.llm.internal.http;

import dev.olympus.llm.ChatRequest;
import dev.olympus.llm.FinishReason;
import dev.olympus.llm.StreamListener;
import dev.olympus.llm.TransientException;
import dev.olympus.llm.Usage;
import dev.olympus.llm.internal.Tokens;
import dev.olympus.llm.spi.ProviderReply;
import dev.olympus.plan.ToolCall;
import java.util.ArrayList;
import java.util.List;

/**
 * Assembles a provider's answer from its wire chunks (one whole body, or many streamed lines):
 * text, tool calls, finish reason, usage and model. Subclasses parse one provider's format.
 *
 * <p>Enforces the request's completion cap on our side, for servers that ignore it: output (text
 * and tool-call arguments) is counted as it arrives, at the same three characters per token the
 * budget estimates with; text past the cap is dropped, a stream stops being read (its connection is
 * aborted) and the answer ends with {@link FinishReason#LENGTH}. One thread.
 */
abstract class StreamDecoder {
  protected final String provider;
  protected final List<ToolCall> toolCalls = new ArrayList<>();
  protected String model;
  protected String finishReason;
  protected Usage usage;
  protected boolean refused;
  private final ChatRequest request;
  private final StreamListener listener;
  private final StringBuilder text = new StringBuilder();
  private final long capChars;
  private long outputChars;
  private boolean capped;

  StreamDecoder(String provider, String model, ChatRequest request, StreamListener listener) {
    this.provider = provider;
    this.model = model;
    this.request = request;
    this.listener = listener;
    this.capChars =
        request.maxTokens().isPresent()
            ? Tokens.chars(request.maxTokens().getAsInt())
            : Long.MAX_VALUE;
  }

  /** Takes one line of the body; returns true when it was the last one. */
  abstract boolean accept(String line);

  /** Whether the answer is complete enough to return if the body ends now. */
  abstract boolean complete();

  /** Called when a complete answer's body ends without its end marker. */
  protected void end() {}

  /**
   * Appends {@code piece} to the text and passes it to the listener; past the cap, only the part
   * that fits.
   */
  protected final void emit(String piece) {
    if (piece == null || piece.isEmpty()) {
      return;
    }
    int fits = (int) Math.min(piece.length(), room());
    if (fits > 0 && fits < piece.length() && Character.isHighSurrogate(piece.charAt(fits - 1))) {
      fits--; // never split a surrogate pair
    }
    count(piece.length());
    if (fits > 0) {
      String kept = piece.substring(0, fits);
      text.append(kept);
      listener.onToken(kept);
    }
  }

  /** Counts {@code chars} of output (tool-call arguments, say) against the cap. */
  protected final void count(int chars) {
    if (chars > room()) {
      capped = true;
    }
    outputChars += chars;
  }

  private long room() {
    return Math.max(0, capChars - outputChars);
  }

  /** Reads {@code lines} to the end, or until the output passes the cap, and returns the answer. */
  final ProviderReply drain(LineStream lines) {
    for (String line = lines.next(); line != null; line = lines.next()) {
      if (accept(line)) {
        lines.close();
        return reply(false);
      }
      if (capped) {
        lines.cancel();
        return reply(false);
      }
    }
    if (lines.isCancelled()) {
      return reply(true);
    }
    if (!complete()) {
      throw new TransientException(
          provider, "the stream ended before the answer was complete", null);
    }
    end();
    return reply(false);
  }

  /**
   * The answer so far; when {@code cancelled}, marked so, with estimated completion tokens. A
   * capped answer ends with {@link FinishReason#LENGTH} and keeps the usage the server reported (it
   * is charged in full), or an estimate of what was read when it reported none.
   */
  final ProviderReply reply(boolean cancelled) {
    FinishReason reason =
        cancelled ? FinishReason.CANCELLED : capped ? FinishReason.LENGTH : finishReason();
    Usage used =
        usage != null && !cancelled
            ? usage
            : new Usage(Tokens.prompt(request), Tokens.of(text.toString()));
    List<ToolCall> calls = capped ? List.of() : toolCalls;
    return new ProviderReply(text.toString(), calls, reason, used, model);
  }

  private FinishReason finishReason() {
    if (refused) {
      return FinishReason.REFUSAL;
    }
    if (!toolCalls.isEmpty()) {
      return FinishReason.TOOL_CALLS;
    }
    if (finishReason == null) {
      return FinishReason.STOP;
    }
    return switch (finishReason) {
      case "stop", "end_turn" -> FinishReason.STOP;
      case "length", "max_tokens" -> FinishReason.LENGTH;
      case "tool_calls", "function_call" -> FinishReason.TOOL_CALLS;
      case "content_filter" -> FinishReason.CONTENT_FILTER;
      default -> FinishReason.OTHER;
    };
  }
}
