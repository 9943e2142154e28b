package dev.olympus.plan;

import dev.olympus.plan.internal.Checks;
import java.util.List;

/**
 * A reference {@code ${step.path.to.field}} from a step input into an ancestor's output JSON.
 * Numeric path segments index arrays.
 *
 * <p>Immutable and thread-safe.
 *
 * @param step the referenced step
 * @param path the field names (or array indexes) leading into its output; may be empty
 */
public record Reference(String step, List<String> path) {
  /**
   * Checks and copies.
   *
   * @throws NullPointerException if an argument is null
   */
  public Reference {
    Checks.notNull(step, "step");
    path = List.copyOf(Checks.noNulls(path, "path"));
  }

  /** Returns the reference in its source form, {@code ${step.a.b}}. */
  @Override
  public String toString() {
    return "${" + step + (path.isEmpty() ? "" : "." + String.join(".", path)) + "}";
  }
}
