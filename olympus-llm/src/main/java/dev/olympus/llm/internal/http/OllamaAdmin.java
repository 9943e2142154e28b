package dev.olympus.llm.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.llm.CancelledException;
import dev.olympus.llm.HardException;
import dev.olympus.llm.OllamaModels;
import dev.olympus.llm.TransientException;
import dev.olympus.llm.internal.Checks;
import dev.olympus.llm.internal.Json;
import dev.olympus.plan.Cancellation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/** {@link OllamaModels} over Ollama's native API. Thread-safe. */
public final class OllamaAdmin implements OllamaModels {
  private static final String SHA256 = "sha256:";

  private final HttpSettings settings;
  private final HttpTransport http;

  /** Talks to the server in {@code settings}. */
  public OllamaAdmin(HttpSettings settings) {
    this.settings = settings;
    this.http = new HttpTransport(settings);
  }

  @Override
  public List<Installed> list() {
    List<Installed> installed = new ArrayList<>();
    for (JsonNode model : http.get("api/tags").path("models")) {
      JsonNode details = model.path("details");
      installed.add(
          new Installed(
              Json.text(model, "name", Json.text(model, "model", "")),
              model.path("size").asLong(0),
              withoutPrefix(Json.text(model, "digest", "")),
              Json.text(details, "family", ""),
              Json.text(details, "parameter_size", ""),
              Json.text(details, "quantization_level", "")));
    }
    return List.copyOf(installed);
  }

  @Override
  public Optional<Installed> find(String model) {
    Checks.notNull(model, "model");
    String tagged = model.contains(":") ? model : model + ":latest";
    return list().stream()
        .filter(m -> m.name().equals(model) || m.name().equals(tagged))
        .findFirst();
  }

  @Override
  public Details show(String model) {
    JsonNode show = http.post("api/show", Json.object().put("model", notBlank(model)));
    int context = OllamaShow.contextLength(show);
    JsonNode details = show.path("details");
    return new Details(
        context > 0 ? OptionalInt.of(context) : OptionalInt.empty(),
        OllamaShow.capabilities(show),
        Json.text(details, "family", ""),
        Json.text(details, "quantization_level", ""));
  }

  @Override
  public Installed pull(
      String model,
      Optional<String> expectedDigest,
      Consumer<PullProgress> progress,
      Cancellation cancellation) {
    notBlank(model);
    Checks.notNull(expectedDigest, "expectedDigest");
    Checks.notNull(progress, "progress");
    Checks.notNull(cancellation, "cancellation");
    LineStream lines =
        http.stream(
            "api/pull", Json.object().put("model", model).put("stream", true), cancellation);
    try {
      follow(model, lines, progress);
    } finally {
      lines.close();
    }
    return verified(model, expectedDigest);
  }

  @Override
  public boolean delete(String model) {
    return http.delete("api/delete", Json.object().put("model", notBlank(model)));
  }

  private void follow(String model, LineStream lines, Consumer<PullProgress> progress) {
    for (String line = lines.next(); line != null; line = lines.next()) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode item = Json.parse(settings.name(), line, "a pull progress line");
      if (item.hasNonNull("error")) {
        throw new HardException(
            settings.name(),
            0,
            "pulling " + model + " failed: " + settings.redact(item.path("error").asText()),
            null);
      }
      PullProgress step =
          new PullProgress(
              Json.text(item, "status", ""),
              Json.text(item, "digest", ""),
              item.path("total").asLong(0),
              item.path("completed").asLong(0));
      progress.accept(step);
      if (step.status().equals("success")) {
        return;
      }
    }
    if (lines.isCancelled()) {
      throw new CancelledException(
          settings.name(), "the pull of " + model + " was cancelled", null);
    }
    throw new TransientException(
        settings.name(), "the pull of " + model + " ended before it succeeded", null);
  }

  private Installed verified(String model, Optional<String> expectedDigest) {
    Installed installed =
        find(model)
            .orElseThrow(
                () ->
                    new HardException(
                        settings.name(),
                        0,
                        "the pull of " + model + " succeeded but the server does not list it",
                        null));
    Optional<String> expected = expectedDigest.map(OllamaAdmin::withoutPrefix);
    if (expected.isPresent() && !expected.get().equalsIgnoreCase(installed.digest())) {
      throw new HardException(
          settings.name(),
          0,
          model
              + " was pulled with digest "
              + installed.digest()
              + " but "
              + expected.get()
              + " was expected: not the model you asked for",
          null);
    }
    return installed;
  }

  private static String notBlank(String model) {
    return Checks.notBlank(model, "model");
  }

  private static String withoutPrefix(String digest) {
    return digest.startsWith(SHA256) ? digest.substring(SHA256.length()) : digest;
  }
}
