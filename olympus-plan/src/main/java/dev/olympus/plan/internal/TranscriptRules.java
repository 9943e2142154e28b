package dev.olympus.plan.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanException;
import dev.olympus.plan.PlanJson;
import dev.olympus.plan.transcript.TranscriptCheck;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What makes a transcript valid: canonical bytes, a known layout, a signature over everything but
 * itself by the key it carries, a plan and snapshot that read back, and an unbroken run of chain
 * links from the plan's first event to its last.
 */
public final class TranscriptRules {
  /** The format name and version every transcript carries. */
  public static final String FORMAT = "olympus.transcript/1";

  static final String SIGNATURE = "signature";
  private static final Set<String> TOP =
      Set.of("detail", "events", "format", "key", "plan", "planId", "snapshot", SIGNATURE);
  private static final Set<String> KEY = Set.of("algorithm", "fingerprint", "publicKey");
  private static final Set<String> OWN = Set.of("seq", "prevHash", "hash", "event");
  private static final Set<String> REDACTED =
      Set.of("seq", "prevHash", "hash", "millis", "payloadHash", "redacted");
  private static final Set<String> OTHER =
      Set.of("seq", "prevHash", "hash", "millis", "payloadHash", "other");

  private TranscriptRules() {}

  /** Checks {@code bytes}; the outcome names the first problem found. */
  public static TranscriptCheck check(byte[] bytes, Optional<String> expectedPlanId) {
    try {
      return valid(bytes, expectedPlanId);
    } catch (IllegalArgumentException | PlanException e) {
      return new TranscriptCheck.Invalid(e.getMessage());
    }
  }

  private static TranscriptCheck.Valid valid(byte[] bytes, Optional<String> expectedPlanId) {
    String text = text(bytes);
    JsonNode root = Canonical.parse(text);
    Checks.argument(root.isObject(), "a transcript is a JSON object");
    Checks.argument(
        Canonical.write(root).equals(text),
        "not in canonical form (sorted keys, no whitespace, one form per number and string)");
    keys(root, TOP, "the transcript");
    Checks.argument(
        FORMAT.equals(root.get("format").asText()), "format is not " + FORMAT + ": unknown");
    String planId = text(root, "planId");
    expectedPlanId.ifPresent(
        id ->
            Checks.argument(
                id.equals(planId), "this is the transcript of plan " + planId + ", not of " + id));
    PublicKey key = key(root.get("key"));
    Plan plan = PlanJson.readPlan(root.get("plan"));
    Checks.argument(plan.id().equals(planId), "its plan is " + plan.id() + ", not plan " + planId);
    boolean full = detail(root);
    snapshot(root, full);
    // The content first (hashes are cheap), the signature last (the slowest check).
    TranscriptCheck.Valid valid = chain(root.get("events"), planId, Ed25519.fingerprint(key), full);
    signed(root, key);
    return valid;
  }

  /** The public key, once its algorithm and fingerprint check out. */
  private static PublicKey key(JsonNode key) {
    keys(key, KEY, "key");
    Checks.argument(
        Ed25519.ALGORITHM.equals(key.get("algorithm").asText()), "key algorithm is not Ed25519");
    PublicKey publicKey = Ed25519.publicKey(Canonical.unhex(text(key, "publicKey"), "publicKey"));
    Checks.argument(
        Ed25519.fingerprint(publicKey).equals(text(key, "fingerprint")),
        "key fingerprint does not match its key");
    return publicKey;
  }

  private static void signed(JsonNode root, PublicKey key) {
    byte[] signature = Canonical.unhex(text(root, SIGNATURE), SIGNATURE);
    ObjectNode body = ((ObjectNode) root).deepCopy();
    body.remove(SIGNATURE);
    Checks.argument(
        Ed25519.verify(key, Canonical.write(body).getBytes(StandardCharsets.UTF_8), signature),
        "the signature does not match: the transcript was changed after it was signed");
  }

  private static boolean detail(JsonNode root) {
    String detail = root.get("detail").asText();
    Checks.argument(
        detail.equals("full") || detail.equals("hashes"), "detail is neither full nor hashes");
    return detail.equals("full");
  }

  // The snapshot reads back as one of this plan; with hashes, outputs are SHA-256 values instead.
  private static void snapshot(JsonNode root, boolean full) {
    Checks.argument(root.get("snapshot").isObject(), "snapshot is not an object");
    ObjectNode snapshot = ((ObjectNode) root.get("snapshot")).deepCopy();
    for (JsonNode status : snapshot.path("steps")) {
      if (!full && status.has("outputSha256")) {
        hex64(status, "outputSha256");
        ((ObjectNode) status).remove("outputSha256");
      }
      Checks.argument(full || !status.has("output"), "a transcript of hashes holds an output");
    }
    snapshot.set("plan", root.get("plan"));
    PlanJson.readSnapshot(Canonical.write(snapshot));
  }

  private static TranscriptCheck.Valid chain(
      JsonNode events, String planId, String fingerprint, boolean full) {
    Checks.argument(events.isArray() && !events.isEmpty(), "events is not a non-empty array");
    List<Long> redacted = new ArrayList<>();
    long first = events.get(0).path("seq").asLong();
    long seq = first - 1;
    String prev = text(events.get(0), "prevHash");
    int own = 0;
    for (JsonNode entry : events) {
      Checks.argument(entry.isObject(), "an event entry is not an object");
      long at = number(entry, "seq");
      Checks.argument(at == seq + 1, "events " + (seq + 1) + " to " + (at - 1) + " are missing");
      seq = at;
      Checks.argument(
          prev.equals(hex64(entry, "prevHash")),
          "the chain breaks at event "
              + at
              + ": its previous hash is not event "
              + (at - 1)
              + "'s");
      Link link = link(entry, planId);
      own += link.own ? 1 : 0;
      if (entry.has("redacted")) {
        redacted.add(at);
      }
      String expected =
          Canonical.sha256(prev + ":" + at + ":" + link.millis + ":" + link.payloadHash);
      Checks.argument(
          expected.equals(hex64(entry, "hash")), "event " + at + " does not match its hash");
      prev = expected;
    }
    Checks.argument(
        events.get(0).has("event") && events.get(events.size() - 1).has("event"),
        "the events do not start and end with this plan's own");
    return new TranscriptCheck.Valid(
        planId, fingerprint, full, first, seq, own, List.copyOf(redacted));
  }

  private record Link(boolean own, long millis, String payloadHash) {}

  private static Link link(JsonNode entry, String planId) {
    long at = entry.get("seq").asLong();
    if (entry.has("event")) {
      keys(entry, OWN, "event " + at);
      String payload = Canonical.write(entry.get("event"));
      PlanEvent event = PlanJson.readEvent(payload);
      Checks.argument(
          event.planId().equals(planId),
          "event " + at + " belongs to plan " + event.planId() + ", not " + planId);
      return new Link(true, event.timestamp().toEpochMilli(), Canonical.sha256(payload));
    }
    boolean redacted = entry.has("redacted");
    keys(entry, redacted ? REDACTED : OTHER, "event " + at);
    String flag = redacted ? "redacted" : "other";
    Checks.argument(entry.get(flag).equals(TRUE), "event " + at + ": " + flag + " is not true");
    return new Link(false, number(entry, "millis"), hex64(entry, "payloadHash"));
  }

  private static final JsonNode TRUE = com.fasterxml.jackson.databind.node.BooleanNode.TRUE;

  private static String text(byte[] bytes) {
    int end = bytes.length > 0 && bytes[bytes.length - 1] == '\n' ? bytes.length - 1 : bytes.length;
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, 0, end))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("not UTF-8 text", e);
    }
  }

  private static void keys(JsonNode node, Set<String> expected, String what) {
    Checks.argument(node != null && node.isObject(), what + " is not an object");
    Set<String> actual = new TreeSet<>();
    Iterator<String> names = node.fieldNames();
    names.forEachRemaining(actual::add);
    Checks.argument(
        actual.equals(new TreeSet<>(expected)),
        what + " has fields " + actual + ", expected " + new TreeSet<>(expected));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    Checks.argument(
        value != null && value.isTextual() && !value.asText().isBlank(),
        field + " is not a non-blank string");
    return value.asText();
  }

  private static long number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    Checks.argument(
        value != null && value.isIntegralNumber() && value.canConvertToLong(),
        field + " is not an integer");
    return value.longValue();
  }

  private static String hex64(JsonNode node, String field) {
    String value = text(node, field);
    Checks.argument(
        value.length() == 64 && Canonical.unhex(value, field).length == 32,
        field + " is not a SHA-256 hex value");
    return value;
  }
}
