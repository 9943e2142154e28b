package dev.olympus.llm.internal;

import dev.olympus.llm.ChatRequest;
import dev.olympus.llm.FinishReason;
import dev.olympus.llm.StreamListener;
import dev.olympus.llm.ToolCall;
import dev.olympus.llm.TransientException;
import dev.olympus.llm.Usage;
import dev.olympus.llm.spi.ProviderReply;
import java.util.ArrayList;
import java.util.List;

/**
 * Assembles a provider's answer from its wire chunks (one whole body, or many streamed lines):
 * text, tool calls, finish reason, usage and model. Subclasses parse one provider's format. One
 * thread.
 */
abstract class StreamDecoder {
  protected final String provider;
  protected final List<ToolCall> toolCalls = new ArrayList<>();
  protected String model;
  protected String finishReason;
  protected Usage usage;
  private final ChatRequest request;
  private final StreamListener listener;
  private final StringBuilder text = new StringBuilder();

  StreamDecoder(String provider, String model, ChatRequest request, StreamListener listener) {
    this.provider = provider;
    this.model = model;
    this.request = request;
    this.listener = listener;
  }

  /** Takes one line of the body; returns true when it was the last one. */
  abstract boolean accept(String line);

  /** Whether the answer is complete enough to return if the body ends now. */
  abstract boolean complete();

  /** Called when a complete answer's body ends without its end marker. */
  protected void end() {}

  /** Appends {@code piece} to the text and passes it to the listener. */
  protected final void emit(String piece) {
    if (piece != null && !piece.isEmpty()) {
      text.append(piece);
      listener.onToken(piece);
    }
  }

  /** Reads {@code lines} to the end and returns the answer. */
  final ProviderReply drain(LineStream lines) {
    for (String line = lines.next(); line != null; line = lines.next()) {
      if (accept(line)) {
        lines.close();
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

  /** The answer so far; when {@code cancelled}, marked so, with estimated completion tokens. */
  final ProviderReply reply(boolean cancelled) {
    FinishReason reason = cancelled ? FinishReason.CANCELLED : finishReason();
    Usage used =
        usage != null && !cancelled
            ? usage
            : new Usage(Tokens.prompt(request), Tokens.of(text.toString()));
    return new ProviderReply(text.toString(), toolCalls, reason, used, model);
  }

  private FinishReason finishReason() {
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
