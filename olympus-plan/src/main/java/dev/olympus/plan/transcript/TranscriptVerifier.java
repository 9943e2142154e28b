package dev.olympus.plan.transcript;

import dev.olympus.plan.internal.Checks;
import dev.olympus.plan.internal.TranscriptRules;
import java.util.Optional;

/**
 * Checks a {@link Transcript} offline, with nothing but this module and Jackson on the class path:
 * the bytes are exactly the canonical form; the Ed25519 signature covers everything but itself and
 * matches the public key inside, whose fingerprint matches too; the plan and snapshot read back as
 * this plan's; every event's chain link matches its hash (an event's content hashes to the payload
 * hash its link was computed from), each link names the one before, and no sequence number between
 * the first and the last is missing. Events of other plans that fall in between appear as their
 * hashes only; events whose content was forgotten appear as their hashes, marked redacted.
 *
 * <pre>{@code
 * TranscriptCheck check = TranscriptVerifier.verify(Files.readAllBytes(file), "plan-7");
 * if (check instanceof TranscriptCheck.Valid valid && valid.fingerprint().equals(trusted)) { ... }
 * }</pre>
 *
 * <p>A valid transcript proves that no one changed it after it was signed, unless they hold the
 * signing key. It does not prove that the host ran honest code, nor that the key was not stolen:
 * compare {@link TranscriptCheck.Valid#fingerprint()} with the fingerprint you trust.
 *
 * <p>Stateless and thread-safe.
 */
public final class TranscriptVerifier {
  private TranscriptVerifier() {}

  /**
   * Checks {@code transcript} (its UTF-8 bytes; one trailing line break is allowed).
   *
   * @throws NullPointerException if {@code transcript} is null
   */
  public static TranscriptCheck verify(byte[] transcript) {
    return TranscriptRules.check(Checks.notNull(transcript, "transcript"), Optional.empty());
  }

  /**
   * Checks {@code transcript}, and that it is the transcript of plan {@code planId}.
   *
   * @throws NullPointerException if an argument is null
   */
  public static TranscriptCheck verify(byte[] transcript, String planId) {
    Checks.notNull(planId, "planId");
    return TranscriptRules.check(Checks.notNull(transcript, "transcript"), Optional.of(planId));
  }
}
