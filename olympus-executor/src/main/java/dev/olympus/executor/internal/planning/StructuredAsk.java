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

/**
 * Asks the model for JSON in the strictest form some provider supports: JSON Schema (structured
 * output), then JSON mode, then plain text. The router skips providers that lack the capability a
 * request needs without calling them; when no provider answered and one was skipped for that
 * reason, the same call is tried in the next form. Each call starts from JSON Schema again: a
 * provider that was down (a cloud model with structured output) is asked again once it is back,
 * rather than the planner settling for a weaker form for good. Deterministic (temperature 0).
 * Thread-safe (stateless).
 */
final class StructuredAsk {
  private static final int SCHEMA = 0;
  private static final int JSON_MODE = 1;
  private static final int TEXT = 2;

  private final LlmRouter router;

  StructuredAsk(LlmRouter router) {
    this.router = router;
  }

  /** Sends {@code messages} asking for JSON matching {@code schema}; returns the answer's text. */
  String ask(List<ChatMessage> messages, String name, JsonNode schema, BudgetContext budget) {
    int current = SCHEMA;
    while (true) {
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
        current++;
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
