package dev.olympus.plan.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanSnapshot;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;

/**
 * Assembles a transcript's content: the plan, the final snapshot (outputs in full or as hashes) and
 * the chain entries, then signs its canonical form. Not thread-safe.
 */
public final class TranscriptWriter {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final PlanSnapshot snapshot;
  private final ArrayNode events = JSON.arrayNode();
  private long lastSeq;

  /** A writer for the transcript of {@code snapshot}'s plan. */
  public TranscriptWriter(PlanSnapshot snapshot) {
    this.snapshot = snapshot;
  }

  /**
   * Adds the chain link of {@code event}: in full if it is this plan's, else as its hashes only.
   */
  public void event(long seq, PlanEvent event, String prevHash, String hash) {
    ObjectNode entry = entry(seq, prevHash, hash);
    ObjectNode json = PlanWriter.event(event);
    if (event.planId().equals(snapshot.planId())) {
      entry.set("event", json);
    } else {
      entry.put("millis", event.timestamp().toEpochMilli());
      entry.put("payloadHash", Canonical.sha256(Canonical.write(json))).put("other", true);
    }
  }

  /** Adds the chain link of a redacted event. */
  public void redacted(long seq, Instant at, String payloadHash, String prevHash, String hash) {
    ObjectNode entry = entry(seq, prevHash, hash);
    entry.put("millis", at.toEpochMilli()).put("payloadHash", payloadHash).put("redacted", true);
  }

  private ObjectNode entry(long seq, String prevHash, String hash) {
    Checks.argument(
        events.isEmpty() || seq == lastSeq + 1,
        "events must be added in order without gaps: " + seq + " after " + lastSeq);
    lastSeq = seq;
    ObjectNode entry = events.addObject().put("seq", seq);
    return entry.put("prevHash", Checks.notNull(prevHash, "prevHash")).put("hash", hash);
  }

  /**
   * The signed transcript as canonical JSON.
   *
   * @throws IllegalArgumentException if the result does not verify (the message says why)
   */
  public String sign(KeyPair key, boolean full) {
    ObjectNode body = JSON.objectNode().put("format", TranscriptRules.FORMAT);
    body.put("planId", snapshot.planId()).put("detail", full ? "full" : "hashes");
    body.set("plan", PlanWriter.plan(snapshot.plan()));
    body.set("snapshot", snapshotJson(full));
    body.set("events", events);
    body.putObject("key")
        .put("algorithm", Ed25519.ALGORITHM)
        .put("publicKey", Canonical.hex(key.getPublic().getEncoded()))
        .put("fingerprint", Ed25519.fingerprint(key.getPublic()));
    // Through the parser once, so numbers take the one form a reader's parser gives them.
    String canonical = Canonical.write(Canonical.parse(Canonical.write(body)));
    byte[] signature = Ed25519.sign(key.getPrivate(), canonical.getBytes(StandardCharsets.UTF_8));
    ObjectNode signed = (ObjectNode) Canonical.parse(canonical);
    signed.put(TranscriptRules.SIGNATURE, Canonical.hex(signature));
    return Canonical.write(signed);
  }

  private ObjectNode snapshotJson(boolean full) {
    ObjectNode json = PlanWriter.snapshot(snapshot);
    json.remove("plan");
    if (!full) {
      for (JsonNode status : json.path("steps")) {
        JsonNode output = ((ObjectNode) status).remove("output");
        if (output != null) {
          ((ObjectNode) status).put("outputSha256", Canonical.sha256(Canonical.write(output)));
        }
      }
    }
    return json;
  }
}
