package dev.olympus.memory.internal.sql;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.memory.ForgetReport;
import dev.olympus.memory.Layer;
import dev.olympus.memory.PruneReport;
import dev.olympus.memory.StoredEvent;
import dev.olympus.memory.internal.Checks;
import dev.olympus.memory.internal.Hashes;
import dev.olympus.memory.internal.Inputs;
import dev.olympus.memory.internal.cache.TieredCache;
import dev.olympus.memory.internal.checkpoints.SqlCheckpoints;
import dev.olympus.memory.internal.documents.SqlDocuments;
import dev.olympus.memory.internal.events.SqlEventLog;
import dev.olympus.memory.internal.facts.SqlFacts;
import dev.olympus.memory.internal.facts.SqlGraph;
import dev.olympus.plan.PlanEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Forget and prune: changes across every layer in one transaction. */
final class Housekeeping {
  private final Database db;
  private final Inputs inputs;
  private final StoreConfig config;
  private final SqlEventLog events;
  private final TieredCache cache;
  private final SqlDocuments documents;

  Housekeeping(
      Database db,
      Inputs inputs,
      StoreConfig config,
      SqlEventLog events,
      TieredCache cache,
      SqlDocuments documents) {
    this.db = db;
    this.inputs = inputs;
    this.config = config;
    this.events = events;
    this.cache = cache;
    this.documents = documents;
  }

  ForgetReport forget(String subject) {
    inputs.id(subject, "subject");
    Map<Layer, Integer> removed = new EnumMap<>(Layer.class);
    List<String> cacheKeys = new ArrayList<>();
    List<Long> chunkIds = new ArrayList<>();
    long[] chunkEpoch = new long[1];
    long tombstone =
        db.write(
            "forgetting a subject",
            s -> {
              List<String> sources = new ArrayList<>();
              chunkIds.addAll(SqlDocuments.delete(s, subject, sources));
              chunkEpoch[0] = SqlDocuments.deleted(s, chunkIds);
              removed.put(Layer.DOCUMENTS, sources.size());
              removed.put(Layer.FACTS, SqlFacts.forget(s, subject));
              removed.put(Layer.GRAPH, SqlGraph.forget(s, subject));
              cacheKeys.addAll(TieredCache.forget(s, subject));
              removed.put(Layer.CACHE, cacheKeys.size());
              removed.put(Layer.CHECKPOINTS, SqlCheckpoints.remove(s, subject));
              List<Long> redacted = events.redact(s, subject);
              removed.put(Layer.EVENTS, redacted.size());
              PlanEvent event = tombstone(subject, redacted, removed);
              return events.insert(s, List.of(events.encodeTombstone(event))).get(0).seq();
            });
    cache.dropFromMemory(cacheKeys);
    documents.dropFromIndex(chunkEpoch[0], chunkIds);
    db.scrubLog();
    return new ForgetReport(removed, tombstone);
  }

  private PlanEvent tombstone(String subject, List<Long> redacted, Map<Layer, Integer> removed) {
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.put("subjectSha256", Hashes.sha256(subject));
    redacted.forEach(data.putArray("redactedSeqs")::add);
    ObjectNode counts = data.putObject("removed");
    removed.forEach((layer, n) -> counts.put(layer.name().toLowerCase(java.util.Locale.ROOT), n));
    return new PlanEvent(
        "memory", Optional.empty(), "", config.clock().instant(), StoredEvent.FORGET, data);
  }

  PruneReport prune(Instant now) {
    Checks.notNull(now, "now");
    long nowMillis = Inputs.millis(now, "now");
    Map<Layer, Integer> removed = new EnumMap<>(Layer.class);
    List<String> cacheKeys = new ArrayList<>();
    List<Long> chunkIds = new ArrayList<>();
    long[] chunkEpoch = {SqlDocuments.UNCHANGED};
    db.write(
        "pruning",
        s -> {
          if (has(Layer.EVENTS)) {
            removed.put(Layer.EVENTS, events.pruneBefore(s, cutoff(Layer.EVENTS, nowMillis)));
          }
          if (has(Layer.CHECKPOINTS)) {
            removed.put(
                Layer.CHECKPOINTS,
                SqlCheckpoints.pruneFinishedBefore(s, cutoff(Layer.CHECKPOINTS, nowMillis)));
          }
          cacheKeys.addAll(TieredCache.prune(s, nowMillis, cutoff(Layer.CACHE, nowMillis)));
          removed.put(Layer.CACHE, cacheKeys.size());
          removed.put(
              Layer.FACTS, SqlFacts.pruneBefore(s, cutoff(Layer.FACTS, nowMillis), nowMillis));
          if (has(Layer.GRAPH)) {
            removed.put(Layer.GRAPH, SqlGraph.pruneBefore(s, cutoff(Layer.GRAPH, nowMillis)));
          }
          if (has(Layer.DOCUMENTS)) {
            List<String> sources = new ArrayList<>();
            chunkIds.addAll(
                SqlDocuments.pruneBefore(s, cutoff(Layer.DOCUMENTS, nowMillis), sources));
            chunkEpoch[0] = SqlDocuments.deleted(s, chunkIds);
            removed.put(Layer.DOCUMENTS, sources.size());
          }
          return null;
        });
    cache.dropFromMemory(cacheKeys);
    documents.dropFromIndex(chunkEpoch[0], chunkIds);
    return new PruneReport(removed);
  }

  private boolean has(Layer layer) {
    return config.retention().maxAge(layer).isPresent();
  }

  // Long.MIN_VALUE (nothing is older) for a layer without a maximum age.
  private long cutoff(Layer layer, long nowMillis) {
    Optional<Duration> age = config.retention().maxAge(layer);
    if (age.isEmpty()) {
      return Long.MIN_VALUE;
    }
    try {
      return Math.subtractExact(nowMillis, age.get().toMillis());
    } catch (ArithmeticException e) {
      return Long.MIN_VALUE;
    }
  }
}
