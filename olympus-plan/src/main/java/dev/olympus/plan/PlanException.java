package dev.olympus.plan;

/**
 * The root of every plan error a host should handle: a plan's JSON cannot be read ({@link
 * PlanFormatException}), a plan is invalid ({@link PlanValidationException}), or a {@code
 * ${step.field}} reference cannot be resolved at run time ({@link ReferenceException}). Mistakes in
 * calling code are not plan errors: they are {@link NullPointerException}, {@link
 * IllegalArgumentException} or {@link IllegalStateException} (such as {@link
 * IllegalTransitionException}).
 *
 * <pre>{@code
 * try {
 *   Plan plan = PlanJson.readPlan(text);
 * } catch (PlanException e) {
 *   ui.showError(e.getMessage());
 * }
 * }</pre>
 *
 * <p>Unchecked; instances are immutable.
 */
public abstract sealed class PlanException extends RuntimeException
    permits PlanFormatException, PlanValidationException, ReferenceException {
  private static final long serialVersionUID = 1L;

  PlanException(String message, Throwable cause) {
    super(message, cause);
  }
}
