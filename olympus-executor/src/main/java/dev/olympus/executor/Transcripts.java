package dev.olympus.executor;

import dev.olympus.executor.internal.Checks;
import dev.olympus.executor.internal.transcript.TranscriptExport;
import dev.olympus.memory.MemoryStore;
import dev.olympus.plan.transcript.Transcript;
import dev.olympus.plan.transcript.TranscriptKeys;
import dev.olympus.plan.transcript.TranscriptVerifier;
import java.security.KeyPair;

/**
 * Exports a plan's signed {@link Transcript} from a memory store: the plan as submitted, every
 * event of the plan with its hash-chain link (consent decisions with the digest of the exact input
 * approved, {@code model.call} events with provider, model, usage, cost, cache and the SHA-256 of
 * prompt and reply, {@code tool.call} events with the digest of each input, as consent records it,
 * and the SHA-256 of each output), the events of other plans that fall in between as hashes only,
 * and the latest snapshot. Export twice and you get the same bytes. Anyone checks it offline with
 * {@link TranscriptVerifier}.
 *
 * <pre>{@code
 * KeyPair key = TranscriptKeys.loadOrCreate(home.resolve("transcript-key.pem"));
 * Transcript transcript = Transcripts.export(memory, planId, key, Transcript.Detail.FULL);
 * Files.write(out, transcript.bytes());
 * }</pre>
 *
 * <p>The key is the host's: one of its own, or one kept in a file by {@link TranscriptKeys}. Keep
 * it apart from the store, so a copy of the database cannot sign. Stateless and thread-safe.
 */
public final class Transcripts {
  private Transcripts() {}

  /**
   * The transcript of plan {@code planId} in {@code memory}, signed with {@code key}, with step
   * outputs shown as {@code detail} says.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code key} is not an Ed25519 pair, or the store's log does
   *     not form an unbroken chain over the plan's events (the message says where)
   * @throws PlanNotFoundException if the store has no checkpoint of the plan, or no event of it
   */
  public static Transcript export(
      MemoryStore memory, String planId, KeyPair key, Transcript.Detail detail) {
    return TranscriptExport.export(
        Checks.notNull(memory, "memory"),
        Checks.notNull(planId, "planId"),
        Checks.notNull(key, "key"),
        Checks.notNull(detail, "detail"));
  }
}
