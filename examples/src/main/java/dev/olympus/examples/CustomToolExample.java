package dev.olympus.examples;

import dev.olympus.executor.Olympus;
import dev.olympus.executor.PlanResult;
import dev.olympus.plan.Plan;
import dev.olympus.tools.ConsentGrants;
import dev.olympus.tools.FileTools;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolRegistry;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A host's own tool with a typed input: the record {@link WordCount} becomes the tool's JSON
 * Schema, every call is validated against it and converted back to the record before the handler
 * runs.
 *
 * <p>Run: {@code mvn -pl examples exec:java
 * -Dexec.mainClass=dev.olympus.examples.CustomToolExample} (no model needed).
 */
public final class CustomToolExample {
  private CustomToolExample() {}

  /**
   * The input of {@code text.top_words}.
   *
   * @param text the text to count words in
   * @param top how many of the most frequent words to return
   */
  public record WordCount(String text, int top) {}

  /** Returns the tool: the {@code top} most frequent words of {@code text}, with counts. */
  public static Tool topWords() {
    return Tool.builder("text.top_words")
        .description("Count the most frequent words of a text.")
        .sideEffect(SideEffect.READ_ONLY)
        .typed(WordCount.class, (in, context) -> Map.of("words", count(in)));
  }

  static Map<String, Long> count(WordCount in) {
    Map<String, Long> counts =
        Arrays.stream(in.text().toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
            .filter(word -> word.length() > 3)
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    return counts.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(Math.max(0, in.top()))
        .collect(
            Collectors.toMap(
                Map.Entry::getKey, Map.Entry::getValue, Long::sum, LinkedHashMap::new));
  }

  /** Runs the example in a temporary folder. */
  public static void main(String[] args) throws Exception {
    run(Files.createTempDirectory("olympus-tool"), System.out);
  }

  /** Reads a file and counts its words with the custom tool, printing the result. */
  public static PlanResult run(Path workspace, PrintStream out) throws Exception {
    Files.writeString(
        workspace.resolve("story.txt"),
        "Olympus plans. Olympus remembers. Olympus asks before acting, and plans again.");
    ToolRegistry tools =
        ToolRegistry.builder().add(FileTools.sandboxedAt(workspace)).add(topWords()).build();
    Plan plan =
        Plan.builder("top words")
            .step("read", s -> s.uses("fs.read").with("path", "story.txt"))
            .step(
                "count",
                s ->
                    s.uses("text.top_words")
                        .after("read")
                        .with("text", "${read.content}")
                        .with("top", 2))
            .build();
    ConsentGrants grants = ConsentGrants.empty();
    grants.grant(ConsentGrants.Grant.of("fs.read")); // reading the workspace is always fine here
    try (Olympus olympus = Olympus.builder().tools(tools).consentGrants(grants).build()) {
      PlanResult result = olympus.executor().submit(plan).await();
      if (!result.succeeded()) {
        out.println("plan " + result.state() + ": " + result.errors());
        return result;
      }
      out.println("top words: " + result.output("count").get("words"));
      out.println(
          "schema the model sees: "
              + tools.find("text.top_words").orElseThrow().spec().inputSchema());
      return result;
    }
  }
}
