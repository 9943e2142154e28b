package dev.olympus.executor;

/**
 * The root of what the executor throws for a host to handle: a plan that is not there ({@link
 * PlanNotFoundException}), one run by another executor ({@link OwnedElsewhereException}) or taken
 * over by one ({@link OwnershipLostException}), a goal the model could not plan ({@link
 * PlanningFailedException}), no model configured ({@link ModelNotConfiguredException}), and a chat
 * message stopped by a budget ({@link ChatBudgetExceededException}). Programming errors are {@code
 * NullPointerException}, {@code IllegalArgumentException} or {@code IllegalStateException} instead;
 * errors of the modules below keep their own roots ({@code MemoryException}, {@code LlmException},
 * …).
 *
 * <p>Unchecked; each method lists in its Javadoc the subclasses it throws.
 */
public abstract sealed class ExecutorException extends RuntimeException
    permits PlanNotFoundException,
        OwnedElsewhereException,
        OwnershipLostException,
        PlanningFailedException,
        ModelNotConfiguredException,
        ChatBudgetExceededException {
  private static final long serialVersionUID = 1L;

  ExecutorException(String message, Throwable cause) {
    super(message, cause);
  }
}
