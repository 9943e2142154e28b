package dev.olympus.llm;

import dev.olympus.llm.internal.Checks;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A named, versioned prompt with {@code {{variable}}} placeholders, so that prompts are values
 * rather than string concatenation spread through the code. Double braces keep clear of the plan
 * DSL's {@code ${step.field}} references, which the executor resolves first.
 *
 * <pre>{@code
 * PromptTemplate t = PromptTemplate.of("summarize", "v2", "Summarize in {{words}} words:\n{{text}}");
 * String prompt = t.render(Map.of("words", 50, "text", report));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the template's name
 * @param version the template's version, such as {@code v2}
 * @param text the text with {@code {{name}}} placeholders (letters, digits, {@code _ . -})
 */
public record PromptTemplate(String name, String version, String text) {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");

  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a field is null
   * @throws IllegalArgumentException if {@code name} or {@code version} is blank
   */
  public PromptTemplate {
    Checks.notBlank(name, "name");
    Checks.notBlank(version, "version");
    Checks.notNull(text, "text");
  }

  /**
   * A template.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code name} or {@code version} is blank
   */
  public static PromptTemplate of(String name, String version, String text) {
    return new PromptTemplate(name, version, text);
  }

  /** The names of the placeholders, in order of first use. */
  public Set<String> variables() {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      names.add(m.group(1));
    }
    return Collections.unmodifiableSet(names);
  }

  /**
   * The text with every placeholder replaced by {@code String.valueOf} of its variable. Variables
   * the text does not use are ignored.
   *
   * @throws NullPointerException if {@code variables} is null
   * @throws IllegalArgumentException if a placeholder has no variable, naming it
   */
  public String render(Map<String, ?> variables) {
    Checks.notNull(variables, "variables");
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder(text.length() + 64);
    while (m.find()) {
      String variable = m.group(1);
      Checks.argument(
          variables.containsKey(variable),
          "template " + this + " needs variable '" + variable + "'");
      m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(variables.get(variable))));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** {@code name@version}. */
  @Override
  public String toString() {
    return name + "@" + version;
  }
}
