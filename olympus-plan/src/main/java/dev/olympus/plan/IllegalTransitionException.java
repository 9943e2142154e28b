package dev.olympus.plan;

/** Thrown when a step or plan is asked to move between two states the transition table forbids. */
public final class IllegalTransitionException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final Enum<?> from;
  private final Enum<?> to;

  /** Creates an exception for the forbidden move {@code from → to}. */
  public IllegalTransitionException(Enum<?> from, Enum<?> to) {
    super(
        "illegal "
            + from.getDeclaringClass().getSimpleName()
            + " transition "
            + from
            + " -> "
            + to);
    this.from = from;
    this.to = to;
  }

  /** The state the move started from. */
  public Enum<?> from() {
    return from;
  }

  /** The state the move was asked to reach. */
  public Enum<?> to() {
    return to;
  }
}
