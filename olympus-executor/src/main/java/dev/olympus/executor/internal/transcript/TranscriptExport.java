package dev.olympus.executor.internal.transcript;

import dev.olympus.executor.PlanNotFoundException;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.StoredEvent;
import dev.olympus.plan.PlanSnapshot;
import dev.olympus.plan.transcript.Transcript;
import java.security.KeyPair;
import java.util.List;

/**
 * Reads one plan's transcript out of a store: the latest checkpoint, and every link of the log from
 * the plan's first event to its last (other plans' events in between as hashes only, redacted ones
 * as their hashes, marked redacted: the store no longer knows whose they were). Nothing is
 * generated here: ids, times and hashes are the store's, so exporting twice gives the same bytes.
 */
public final class TranscriptExport {
  private static final int PAGE = 1_000;

  private TranscriptExport() {}

  /**
   * The signed transcript of {@code planId}.
   *
   * @throws PlanNotFoundException if the store has no checkpoint of the plan, or no event of it
   */
  public static Transcript export(
      MemoryStore memory, String planId, KeyPair key, Transcript.Detail detail) {
    PlanSnapshot snapshot =
        memory.checkpoints().load(planId).orElseThrow(() -> new PlanNotFoundException(planId));
    List<StoredEvent> own = memory.events().byPlan(planId);
    if (own.isEmpty()) {
      throw new PlanNotFoundException(planId);
    }
    long last = own.get(own.size() - 1).seq();
    Transcript.Builder builder = Transcript.builder(snapshot);
    long after = own.get(0).seq() - 1;
    while (after < last) {
      List<StoredEvent> page = memory.events().since(after, (int) Math.min(PAGE, last - after));
      for (StoredEvent stored : page) {
        add(builder, stored);
        after = stored.seq();
      }
    }
    return builder.sign(key, detail);
  }

  private static void add(Transcript.Builder builder, StoredEvent stored) {
    if (stored.redacted()) {
      String payloadHash = stored.event().data().path("payloadHash").asText();
      builder.redacted(
          stored.seq(), stored.event().timestamp(), payloadHash, stored.prevHash(), stored.hash());
    } else {
      builder.event(stored.seq(), stored.event(), stored.prevHash(), stored.hash());
    }
  }
}
