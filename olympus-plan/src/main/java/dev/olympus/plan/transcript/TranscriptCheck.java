package dev.olympus.plan.transcript;

import dev.olympus.plan.internal.Checks;
import java.util.List;

/**
 * The outcome of {@link TranscriptVerifier#verify(byte[])}: valid, with what was checked, or
 * invalid, with the first problem found. Immutable.
 */
public sealed interface TranscriptCheck {

  /** Returns true if the transcript checked out. */
  boolean valid();

  /**
   * The transcript checked out: its signature, its chain links and its sequence continuity.
   *
   * @param planId the plan it records
   * @param fingerprint the fingerprint of the key that signed it ({@code sha256:} and hex); compare
   *     it with the fingerprint you trust, since anyone can sign a transcript with a key of their
   *     own
   * @param full true if outputs are recorded in full, false if as SHA-256 hashes
   * @param firstSeq the sequence number of the plan's first event in the store's log
   * @param lastSeq the sequence number of its last event
   * @param events how many of the events are the plan's own, shown in full
   * @param redactedSeqs the sequence numbers of the events between the first and the last whose
   *     content was forgotten (whose they were is forgotten too)
   */
  record Valid(
      String planId,
      String fingerprint,
      boolean full,
      long firstSeq,
      long lastSeq,
      int events,
      List<Long> redactedSeqs)
      implements TranscriptCheck {

    /**
     * Copies the list.
     *
     * @throws NullPointerException if an argument is null
     */
    public Valid {
      Checks.notNull(planId, "planId");
      Checks.notNull(fingerprint, "fingerprint");
      redactedSeqs = List.copyOf(redactedSeqs);
    }

    @Override
    public boolean valid() {
      return true;
    }
  }

  /**
   * The transcript did not check out.
   *
   * @param problem what was wrong, for people
   */
  record Invalid(String problem) implements TranscriptCheck {

    /**
     * Checks the field.
     *
     * @throws NullPointerException if {@code problem} is null
     */
    public Invalid {
      Checks.notNull(problem, "problem");
    }

    @Override
    public boolean valid() {
      return false;
    }
  }
}
