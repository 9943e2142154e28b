package dev.olympus.llm;

import dev.olympus.llm.internal.Checks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A store of named prompt templates with versions; the latest version of a name is the last one
 * added.
 *
 * <pre>{@code
 * PromptTemplates prompts = PromptTemplates.builder()
 *     .add("summarize", "v1", "Summarize:\n{{text}}")
 *     .add("summarize", "v2", "Summarize in {{words}} words:\n{{text}}")
 *     .build();
 * String p = prompts.render("summarize", Map.of("words", 50, "text", report)); // uses v2
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class PromptTemplates {
  private final Map<String, List<PromptTemplate>> byName;

  private PromptTemplates(Map<String, List<PromptTemplate>> byName) {
    this.byName = byName;
  }

  /** A builder with no templates. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The latest version of {@code name}.
   *
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if there is no template called {@code name}
   */
  public PromptTemplate get(String name) {
    List<PromptTemplate> versions = versions(name);
    return versions.get(versions.size() - 1);
  }

  /**
   * Version {@code version} of {@code name}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if there is no such template or version
   */
  public PromptTemplate get(String name, String version) {
    Checks.notNull(version, "version");
    Optional<PromptTemplate> match =
        versions(name).stream().filter(t -> t.version().equals(version)).findFirst();
    return match.orElseThrow(
        () -> new IllegalArgumentException("template '" + name + "' has no version " + version));
  }

  /**
   * Renders the latest version of {@code name} with {@code variables}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if there is no such template or a variable is missing
   */
  public String render(String name, Map<String, ?> variables) {
    return get(name).render(variables);
  }

  private List<PromptTemplate> versions(String name) {
    List<PromptTemplate> versions = byName.get(Checks.notNull(name, "name"));
    Checks.argument(
        versions != null, "no template named '" + name + "'; known: " + byName.keySet());
    return versions;
  }

  /** Builds {@link PromptTemplates}; not thread-safe, and may build several stores. */
  public static final class Builder {
    private final Map<String, List<PromptTemplate>> byName = new LinkedHashMap<>();

    Builder() {}

    /**
     * Adds a template version.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a name or version is blank
     * @throws IllegalStateException if this version of the name was already added
     */
    public Builder add(String name, String version, String text) {
      return add(PromptTemplate.of(name, version, text));
    }

    /**
     * Adds a template version.
     *
     * @throws NullPointerException if {@code template} is null
     * @throws IllegalStateException if this version of the name was already added
     */
    public Builder add(PromptTemplate template) {
      Checks.notNull(template, "template");
      List<PromptTemplate> versions =
          byName.computeIfAbsent(template.name(), n -> new ArrayList<>());
      Checks.state(
          versions.stream().noneMatch(t -> t.version().equals(template.version())),
          "template " + template + " was already added");
      versions.add(template);
      return this;
    }

    /** Builds the store. */
    public PromptTemplates build() {
      Map<String, List<PromptTemplate>> copy = new LinkedHashMap<>();
      byName.forEach((name, versions) -> copy.put(name, List.copyOf(versions)));
      return new PromptTemplates(Map.copyOf(copy));
    }
  }
}
