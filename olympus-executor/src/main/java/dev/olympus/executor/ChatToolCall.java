package dev.olympus.executor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.executor.internal.Checks;
import dev.olympus.plan.ToolCall;

/**
 * A tool call the model made during a chat, with what became of it. Immutable and thread-safe.
 *
 * @param call the call: the model's id for it, the tool's id (such as {@code fs.read}; the model's
 *     function name when it named no known tool) and the input the model gave
 * @param round the round of the tool loop (from 1) in which the model made the call
 * @param outcome what became of the call
 */
public record ChatToolCall(ToolCall call, int round, Outcome outcome) {

  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a field is null
   * @throws IllegalArgumentException if {@code round} is not positive
   */
  public ChatToolCall {
    Checks.notNull(call, "call");
    Checks.positive(round, "round");
    Checks.notNull(outcome, "outcome");
  }

  /** What became of a tool call; each outcome is also what the model was told. */
  public sealed interface Outcome {
    /** The tool ran and returned {@code result}. */
    record Succeeded(JsonNode result) implements Outcome {
      /**
       * Checks and copies the result.
       *
       * @throws NullPointerException if {@code result} is null
       */
      public Succeeded {
        result = Checks.notNull(result, "result").deepCopy();
      }

      /** Returns a copy of the result. */
      @Override
      public JsonNode result() {
        return result.deepCopy();
      }
    }

    /**
     * The call failed: unknown tool, invalid arguments, timeout, rate limit or the tool's error.
     *
     * @param error the error, as told to the model
     */
    record Failed(String error) implements Outcome {
      /**
       * Checks the field.
       *
       * @throws NullPointerException if {@code error} is null
       */
      public Failed {
        Checks.notNull(error, "error");
      }
    }

    /**
     * The user (or the consent policy) refused the call.
     *
     * @param reason why, as the consent provider gave it
     */
    record Denied(String reason) implements Outcome {
      /**
       * Checks the field.
       *
       * @throws NullPointerException if {@code reason} is null
       */
      public Denied {
        Checks.notNull(reason, "reason");
      }
    }

    /**
     * The call was not run because a limit of the loop was reached or the send was cancelled.
     *
     * @param reason which limit
     */
    record NotRun(String reason) implements Outcome {
      /**
       * Checks the field.
       *
       * @throws NullPointerException if {@code reason} is null
       */
      public NotRun {
        Checks.notNull(reason, "reason");
      }
    }
  }
}
