package dev.olympus.plan;

/**
 * Thrown when a {@code ${step.field}} reference cannot be resolved at run time: the step has no
 * output, or its output has no such field.
 */
public final class ReferenceException extends PlanException {
  private static final long serialVersionUID = 1L;

  private final String reference;

  /** Creates an exception about {@code reference} with the given explanation. */
  public ReferenceException(String reference, String message) {
    super(reference + ": " + message, null);
    this.reference = reference;
  }

  /** The reference in its source form, such as {@code ${read.content}}. */
  public String reference() {
    return reference;
  }
}
