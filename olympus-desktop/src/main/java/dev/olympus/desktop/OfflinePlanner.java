package dev.olympus.desktop;

import dev.olympus.plan.Plan;
import java.util.Locale;
import java.util.Objects;

/**
 * Drafts a plan without a model: a keyword search of the ingested documents for the goal, then a
 * notes file citing the best hit, written under {@code notes/} in the sandbox. Stateless.
 */
final class OfflinePlanner {
  /** Shown with every draft made without a model, so the person knows what they are missing. */
  static final String WHAT_A_MODEL_ADDS =
      "No model is in use, so this draft only searches your documents by keyword and writes the"
          + " best match into a notes file. With a model (Settings: Ollama URL and model, offline"
          + " off), the planner writes a plan for the goal itself: it can summarize, extract and"
          + " answer in its own words, and chat can call tools for you.";

  private static final int MAX_SLUG = 40;

  private OfflinePlanner() {}

  /**
   * The plan for {@code goal}.
   *
   * @throws IllegalArgumentException if the goal is blank
   */
  static Plan draft(String goal) {
    Objects.requireNonNull(goal, "goal");
    if (goal.isBlank()) {
      throw new IllegalArgumentException("goal: say what you want done, e.g. notes on revenue");
    }
    String query = goal.strip();
    return Plan.builder(query)
        .step("search", s -> s.uses("memory.search").with("query", query).with("k", 3))
        .step(
            "notes",
            s ->
                s.uses("fs.write")
                    .after("search")
                    .with("path", "notes/" + slug(query) + ".md")
                    .with(
                        "content",
                        "# "
                            + query
                            + "\n\n- ${search.hits.0.snippet} [${search.hits.0.sourceId}]\n"))
        .build();
  }

  /** A file name made of the goal's letters and digits, e.g. "notes-on-revenue". */
  static String slug(String goal) {
    String slug =
        goal.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    slug = slug.length() > MAX_SLUG ? slug.substring(0, MAX_SLUG).replaceAll("-+$", "") : slug;
    return slug.isEmpty() ? "notes" : slug;
  }
}
