package dev.olympus.examples;

import dev.olympus.executor.Olympus;
import dev.olympus.executor.PlanResult;
import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.OllamaProvider;
import dev.olympus.llm.ProviderSkip;
import dev.olympus.otel.OlympusTelemetry;
import dev.olympus.plan.Plan;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.FileTools;
import dev.olympus.tools.ToolRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A host that traces its plans with the OpenTelemetry SDK: olympus-otel's listeners are wired into
 * the router and the executor, the SDK exports every finished span to {@link SpanTree}, and the
 * example prints the tree of one plan (a model step, then a file write that uses its answer). A
 * real host registers an OTLP exporter in the same place.
 *
 * <p>Run: {@code mvn -pl examples exec:java -Dexec.mainClass=dev.olympus.examples.TracedPlan}
 * (needs Ollama with {@code llama3.2}, or set {@code OLLAMA_URL} and {@code OLYMPUS_MODEL}).
 */
public final class TracedPlan {
  private TracedPlan() {}

  /** Runs the example in a temporary folder against the local Ollama server. */
  public static void main(String[] args) throws Exception {
    URI ollama = URI.create(System.getenv().getOrDefault("OLLAMA_URL", "http://127.0.0.1:11434"));
    String model = System.getenv().getOrDefault("OLYMPUS_MODEL", "llama3.2");
    List<ProviderSkip> down =
        LlmRouter.builder().local(OllamaProvider.at(ollama, model)).build().checkProviders();
    if (!down.isEmpty()) {
      System.out.println("No model: " + down + ". Start one: ollama serve; ollama pull " + model);
      System.exit(2);
    }
    PlanResult result = run(Files.createTempDirectory("olympus-traced"), ollama, model, System.out);
    System.exit(result.succeeded() ? 0 : 1);
  }

  /** Runs the plan in {@code home} with {@code model} at {@code ollama}; prints the span tree. */
  public static PlanResult run(Path home, URI ollama, String model, PrintStream out)
      throws Exception {
    Path workspace = Files.createDirectories(home.resolve("workspace"));
    SpanTree spans = new SpanTree();
    try (OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(spans))
                    .build())
            .build()) {
      OlympusTelemetry telemetry = OlympusTelemetry.create(sdk);
      LlmRouter llm =
          LlmRouter.builder()
              .local(OllamaProvider.at(ollama, model))
              .listener(telemetry.routerListener())
              .build();
      PlanResult result;
      try (Olympus olympus =
          Olympus.builder()
              .llm(llm)
              .tools(ToolRegistry.builder().add(FileTools.sandboxedAt(workspace)).build())
              .consent(request -> ConsentDecision.allowOnce())
              .stepListener(telemetry.stepListener())
              .build()) {
        olympus.executor().onEvent(telemetry.runListener());
        result = olympus.executor().submit(plan()).await();
      }
      out.println("plan " + result.state() + "; its spans:");
      out.print(spans.render());
      return result;
    }
  }

  /** Asks the model for a haiku and writes it to haiku.txt. */
  public static Plan plan() {
    return Plan.builder("haiku")
        .step(
            "ask",
            s ->
                s.uses("llm.generate")
                    .with("prompt", "Write a haiku about the sea.")
                    .with("maxTokens", 60))
        .step(
            "save",
            s ->
                s.uses("fs.write")
                    .with("path", "haiku.txt")
                    .with("content", "${ask.text}")
                    .after("ask"))
        .build();
  }
}
