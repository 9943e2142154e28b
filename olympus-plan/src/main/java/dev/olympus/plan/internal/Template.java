package dev.olympus.plan.internal;

import dev.olympus.plan.Reference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A string input parsed into literal text and {@code ${step.path}} references. <code>$${</code> is
 * an escaped, literal <code>${</code>.
 *
 * @param parts literal {@code String}s and {@link Reference}s in order
 */
public record Template(List<Object> parts) {
  /** Copies the parts. */
  public Template {
    parts = List.copyOf(parts);
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException if a <code>${</code> is unclosed or does not hold a valid
   *     reference
   */
  public static Template parse(String text) {
    List<Object> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("$${", i)) {
        literal.append("${");
        i += 3;
      } else if (text.startsWith("${", i)) {
        int end = text.indexOf('}', i + 2);
        if (end < 0) {
          throw new IllegalArgumentException(
              "unclosed reference at offset " + i + " in '" + text + "'");
        }
        flush(literal, parts);
        parts.add(reference(text.substring(i + 2, end)));
        i = end + 1;
      } else {
        literal.append(text.charAt(i++));
      }
    }
    flush(literal, parts);
    return new Template(parts);
  }

  /** Returns true if the whole text is exactly one reference. */
  public boolean isSingleReference() {
    return parts.size() == 1 && parts.get(0) instanceof Reference;
  }

  /** Returns the references in order. */
  public List<Reference> references() {
    return parts.stream().filter(Reference.class::isInstance).map(Reference.class::cast).toList();
  }

  private static void flush(StringBuilder literal, List<Object> parts) {
    if (literal.length() > 0) {
      parts.add(literal.toString());
      literal.setLength(0);
    }
  }

  private static Reference reference(String inner) {
    String[] segments = inner.split("\\.", -1);
    if (Names.stepNameProblem(segments[0]) != null) {
      throw new IllegalArgumentException(
          "malformed reference '${" + inner + "}': it must start with a step name");
    }
    List<String> path = Arrays.asList(segments).subList(1, segments.length);
    for (String segment : path) {
      if (!segment.matches("[A-Za-z0-9_-]+")) {
        throw new IllegalArgumentException(
            "malformed reference '${" + inner + "}': bad path segment '" + segment + "'");
      }
    }
    return new Reference(segments[0], path);
  }
}
