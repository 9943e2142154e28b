package dev.olympus.llm.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.llm.internal.Checks;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What an Ollama provider adds to every chat request, copied out of its builder.
 *
 * @param contextLength the fixed {@code options.num_ctx}, or empty to size it per request
 * @param keepAlive how long the server keeps the model loaded after a request (negative: always)
 * @param think whether the model should think before answering, if set
 * @param options further {@code options} entries, sent as given
 */
public record OllamaOptions(
    OptionalInt contextLength,
    Optional<Duration> keepAlive,
    Optional<Boolean> think,
    Map<String, JsonNode> options) {

  /**
   * Checks the fields and copies the options.
   *
   * @throws NullPointerException if a field is null
   */
  public OllamaOptions {
    Checks.notNull(contextLength, "contextLength");
    Checks.notNull(keepAlive, "keepAlive");
    Checks.notNull(think, "think");
    options = Map.copyOf(Checks.notNull(options, "options"));
  }

  /** Writes {@code keep_alive}, {@code think} and the options into a chat request's body. */
  void applyTo(ObjectNode body, ObjectNode bodyOptions) {
    keepAlive.ifPresent(d -> body.put("keep_alive", d.isNegative() ? "-1s" : d.toSeconds() + "s"));
    think.ifPresent(t -> body.put("think", t));
    options.forEach((name, value) -> bodyOptions.set(name, value.deepCopy()));
  }
}
