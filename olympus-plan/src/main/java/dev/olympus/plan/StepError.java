package dev.olympus.plan;

import dev.olympus.plan.internal.Checks;

/**
 * Why a step did not finish: the error of a FAILED step, or why a step is BLOCKED or was SKIPPED.
 * Each kind of outcome is its own record; {@link #kind()} names it, so a host can {@code switch} on
 * it:
 *
 * <pre>{@code
 * result.errors().forEach((step, error) -> {
 *   switch (error.kind()) {
 *     case CONSENT_DENIED -> ui.askAgain(step);
 *     case BUDGET_EXCEEDED -> ui.offerMoreBudget(step);
 *     default -> ui.show(step, error.message());
 *   }
 * });
 * }</pre>
 *
 * <p>Checkpoints and {@code step.state} events store the error as JSON with its kind (see {@link
 * PlanJson}); a checkpoint written before step errors were typed, which holds only a message, is
 * read back as the kind its message names, or as {@link Unrecognized}.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface StepError
    permits StepError.ToolFailed,
        StepError.Validation,
        StepError.ConsentDenied,
        StepError.BudgetExceeded,
        StepError.Timeout,
        StepError.Cancelled,
        StepError.Interrupted,
        StepError.Rejected,
        StepError.AncestorFailed,
        StepError.NotRun,
        StepError.Unrecognized {

  /** What kind of outcome this is. */
  Kind kind();

  /** A one-line description for people, such as {@code "ToolTimeoutException: no reply"}. */
  String message();

  /** True if running the step again, unchanged, may succeed (the problem may be passing). */
  boolean retryable();

  /** The kinds of step errors, one per record; {@link #jsonName()} is their stored form. */
  enum Kind {
    /** The tool (or the model it called) failed: {@link ToolFailed}. */
    TOOL_FAILED("tool-failed"),
    /** An input or output did not match the tool's schema: {@link Validation}. */
    VALIDATION("validation"),
    /** Consent was denied; the step is BLOCKED for the host: {@link ConsentDenied}. */
    CONSENT_DENIED("consent-denied"),
    /** The plan's or the step's budget is spent: {@link BudgetExceeded}. */
    BUDGET_EXCEEDED("budget-exceeded"),
    /** The step's or the plan's deadline passed: {@link Timeout}. */
    TIMEOUT("timeout"),
    /** The run was cancelled: {@link Cancelled}. */
    CANCELLED("cancelled"),
    /**
     * A side effect was interrupted by a crash and may or may not have happened: {@link
     * Interrupted}.
     */
    INTERRUPTED("interrupted"),
    /** The host rejected the step: {@link Rejected}. */
    REJECTED("rejected"),
    /** A step it depends on failed or was rejected: {@link AncestorFailed}. */
    ANCESTOR_FAILED("ancestor-failed"),
    /** The plan ended before the step could run: {@link NotRun}. */
    NOT_RUN("not-run"),
    /** Read from an old checkpoint whose message names no kind: {@link Unrecognized}. */
    UNRECOGNIZED("unrecognized");

    private final String jsonName;

    Kind(String jsonName) {
      this.jsonName = jsonName;
    }

    /** The name stored in JSON, such as {@code "budget-exceeded"}. */
    public String jsonName() {
      return jsonName;
    }
  }

  /** Which schema a {@link Validation} error is about. */
  enum Schema {
    /** The tool's input schema (or its own checks of the input). */
    INPUT,
    /** The tool's output schema (an output given by a person or the host). */
    OUTPUT
  }

  /**
   * The tool (or the model behind it) failed after the step's retries.
   *
   * @param message what failed, led by the error's type
   * @param retryable true if the error is passing (rate limit, dropped connection, open breaker)
   */
  record ToolFailed(String message, boolean retryable) implements StepError {
    /**
     * Checks the message.
     *
     * @throws NullPointerException if {@code message} is null
     */
    public ToolFailed {
      Checks.notNull(message, "message");
    }

    @Override
    public Kind kind() {
      return Kind.TOOL_FAILED;
    }
  }

  /**
   * An input or output did not match the tool's schema; never retryable.
   *
   * @param schema which schema refused it
   * @param message every problem found
   */
  record Validation(Schema schema, String message) implements StepError {
    /**
     * Checks the fields.
     *
     * @throws NullPointerException if an argument is null
     */
    public Validation {
      Checks.notNull(schema, "schema");
      Checks.notNull(message, "message");
    }

    @Override
    public Kind kind() {
      return Kind.VALIDATION;
    }

    @Override
    public boolean retryable() {
      return false;
    }
  }

  /**
   * Consent was denied: the step is BLOCKED until the host approves, rejects or completes it.
   *
   * @param message the denial, with the reason given
   */
  record ConsentDenied(String message) implements StepError {
    /**
     * Checks the message.
     *
     * @throws NullPointerException if {@code message} is null
     */
    public ConsentDenied {
      Checks.notNull(message, "message");
    }

    @Override
    public Kind kind() {
      return Kind.CONSENT_DENIED;
    }

    @Override
    public boolean retryable() {
      return false;
    }
  }

  /**
   * The plan's or the step's budget is spent; never retryable without a larger budget.
   *
   * @param message which limit was reached
   */
  record BudgetExceeded(String message) implements StepError {
    /**
     * Checks the message.
     *
     * @throws NullPointerException if {@code message} is null
     */
    public BudgetExceeded {
      Checks.notNull(message, "message");
    }

    @Override
    public Kind kind() {
      return Kind.BUDGET_EXCEEDED;
    }

    @Override
    public boolean retryable() {
      return false;
    }
  }

  /**
   * The step's or the plan's deadline passed; retryable.
   *
   * @param message which deadline passed
   */
  record Timeout(String message) implements StepError {
    /**
     * Checks the message.
     *
     * @throws NullPointerException if {@code message} is null
     */
    public Timeout {
      Checks.notNull(message, "message");
    }

    @Override
    public Kind kind() {
      return Kind.TIMEOUT;
    }

    @Override
    public boolean retryable() {
      return true;
    }
  }

  /**
   * The run was cancelled before or while the step ran; retryable, since nothing was wrong with it.
   *
   * @param message when it was cancelled
   */
  record Cancelled(String message) implements StepError {
    /**
     * Checks the message.
     *
     * @throws NullPointerException if {@code message} is null
     */
    public Cancelled {
      Checks.notNull(message, "message");
    }

    @Override
    public Kind kind() {
      return Kind.CANCELLED;
    }

    @Override
    public boolean retryable() {
      return true;
    }
  }

  /**
   * A crash interrupted the step while its side effect ran, so whether the effect happened is
   * unknown: the step is BLOCKED until the host approves a re-run, rejects it or completes it. Not
   * retryable without the host.
   *
   * @param message what the host should do
   */
  record Interrupted(String message) implements StepError {
    /**
     * Checks the message.
     *
     * @throws NullPointerException if {@code message} is null
     */
    public Interrupted {
      Checks.notNull(message, "message");
    }

    @Override
    public Kind kind() {
      return Kind.INTERRUPTED;
    }

    @Override
    public boolean retryable() {
      return false;
    }
  }

  /**
   * The host rejected the step.
   *
   * @param message the rejection, with the host's reason
   */
  record Rejected(String message) implements StepError {
    /**
     * Checks the message.
     *
     * @throws NullPointerException if {@code message} is null
     */
    public Rejected {
      Checks.notNull(message, "message");
    }

    @Override
    public Kind kind() {
      return Kind.REJECTED;
    }

    @Override
    public boolean retryable() {
      return false;
    }
  }

  /**
   * A step this one depends on failed or was rejected, so it was SKIPPED.
   *
   * @param message which ancestor
   */
  record AncestorFailed(String message) implements StepError {
    /**
     * Checks the message.
     *
     * @throws NullPointerException if {@code message} is null
     */
    public AncestorFailed {
      Checks.notNull(message, "message");
    }

    @Override
    public Kind kind() {
      return Kind.ANCESTOR_FAILED;
    }

    @Override
    public boolean retryable() {
      return false;
    }
  }

  /**
   * The plan ended (failed elsewhere, or nothing could reach the step) before the step could run.
   *
   * @param message why the plan ended
   */
  record NotRun(String message) implements StepError {
    /**
     * Checks the message.
     *
     * @throws NullPointerException if {@code message} is null
     */
    public NotRun {
      Checks.notNull(message, "message");
    }

    @Override
    public Kind kind() {
      return Kind.NOT_RUN;
    }

    @Override
    public boolean retryable() {
      return false;
    }
  }

  /**
   * Read from a checkpoint written before step errors were typed, whose message names no kind.
   *
   * @param message the stored message
   */
  record Unrecognized(String message) implements StepError {
    /**
     * Checks the message.
     *
     * @throws NullPointerException if {@code message} is null
     */
    public Unrecognized {
      Checks.notNull(message, "message");
    }

    @Override
    public Kind kind() {
      return Kind.UNRECOGNIZED;
    }

    @Override
    public boolean retryable() {
      return false;
    }
  }
}
