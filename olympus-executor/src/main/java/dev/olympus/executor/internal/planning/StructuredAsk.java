package dev.olympus.executor.internal.planning;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.llm.BudgetContext;
import dev.olympus.llm.ChatMessage;
import dev.olympus.llm.ChatRequest;
import dev.olympus.llm.ChatResponse;
import dev.olympus.llm.FinishReason;
import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.ProviderSkip;
import dev.olympus.llm.ResponseFormat;
import dev.olympus.llm.UnavailableException;
import dev.olympus.llm.spi.Capability;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asks the model for JSON in the strictest form some provider supports: JSON Schema (structured
 * output), then JSON mode, then plain text. The router skips providers that lack the capability a
 * request needs; when it skipped every provider for that reason, the next form is tried, and this
 * object remembers it so later calls start there. Deterministic (temperature 0). Thread-safe.
 */
final class StructuredAsk {
  private static final int SCHEMA = 0;
  private static final int JSON_MODE = 1;
  private static final int TEXT = 2;

  private final LlmRouter router;
  private final AtomicInteger form = new AtomicInteger(SCHEMA);

  StructuredAsk(LlmRouter router) {
    this.router = router;
  }

  /** Sends {@code messages} asking for JSON matching {@code schema}; returns the answer's text. */
  String ask(List<ChatMessage> messages, String name, JsonNode schema, BudgetContext budget) {
    while (true) {
      int current = form.get();
      ChatRequest request =
          ChatRequest.builder()
              .messages(messages)
              .responseFormat(format(current, name, schema))
              .temperature(0)
              .budget(budget)
              .build();
      ChatResponse response;
      try {
        response = router.chat(request);
      } catch (UnavailableException e) {
        if (current == TEXT || !unsupported(e, current)) {
          throw e;
        }
        form.compareAndSet(current, current + 1);
        continue;
      }
      if (response.finishReason() == FinishReason.REFUSAL) {
        throw new Refused(response.text());
      }
      return response.text();
    }
  }

  /** The model declined to answer; its text is the refusal, not JSON worth parsing. */
  static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(String refusal) {
      super("the model refused: " + refusal);
    }
  }

  private static ResponseFormat format(int form, String name, JsonNode schema) {
    return switch (form) {
      case SCHEMA -> ResponseFormat.jsonSchema(name, schema);
      case JSON_MODE -> ResponseFormat.json();
      default -> ResponseFormat.text();
    };
  }

  // An UNSUPPORTED skip names the missing capability: "does not support [JSON_SCHEMA]".
  private static boolean unsupported(UnavailableException e, int form) {
    String needed = (form == SCHEMA ? Capability.JSON_SCHEMA : Capability.JSON_MODE).name();
    return e.reasons().stream()
        .anyMatch(r -> r.kind() == ProviderSkip.Kind.UNSUPPORTED && r.reason().contains(needed));
  }
}
