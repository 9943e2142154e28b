package dev.olympus.plan.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanSnapshot;
import dev.olympus.plan.internal.Canonical;
import dev.olympus.plan.internal.Checks;
import dev.olympus.plan.internal.TranscriptRules;
import dev.olympus.plan.internal.TranscriptWriter;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Optional;

/**
 * One plan's complete record, signed: the plan as submitted (its JSON form), every event from the
 * plan's first to its last with its hash-chain link, and the final snapshot, as canonical JSON
 * (sorted keys, no whitespace, one form per number) with an Ed25519 signature, the public key and
 * its fingerprint inside. The same log gives the same bytes: ids and times are data, and Ed25519
 * signatures are deterministic. Check one with {@link TranscriptVerifier}.
 *
 * <pre>{@code
 * Transcript transcript = Transcript.builder(snapshot)
 *     .event(stored.seq(), stored.event(), stored.prevHash(), stored.hash())   // every link, in order
 *     .sign(keyPair, Transcript.Detail.FULL);
 * Files.write(file, transcript.bytes());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Transcript {
  /** The format name and version every transcript carries in its {@code format} field. */
  public static final String FORMAT = TranscriptRules.FORMAT;

  private final String json;
  private final String planId;
  private final String fingerprint;

  private Transcript(String json, String planId, String fingerprint) {
    this.json = json;
    this.planId = planId;
    this.fingerprint = fingerprint;
  }

  /** How much of the steps' inputs and outputs a transcript shows. */
  public enum Detail {
    /** Step outputs in full, as the final snapshot holds them. */
    FULL,
    /** Step outputs as the SHA-256 of their canonical JSON ({@code outputSha256}). */
    HASHES
  }

  /**
   * Starts the transcript of {@code finalSnapshot}'s plan.
   *
   * @throws NullPointerException if {@code finalSnapshot} is null
   */
  public static Builder builder(PlanSnapshot finalSnapshot) {
    return new Builder(Checks.notNull(finalSnapshot, "finalSnapshot"));
  }

  /**
   * The SHA-256 (lowercase hex) of {@code value}'s canonical JSON: how transcripts and the events
   * they hold record a value by its hash.
   *
   * @throws NullPointerException if {@code value} is null
   */
  public static String sha256(JsonNode value) {
    return Canonical.sha256(Canonical.write(Checks.notNull(value, "value")));
  }

  /**
   * The SHA-256 (lowercase hex) of the UTF-8 bytes of {@code text}: how model calls record their
   * prompts and replies ({@code sha256sum} of the same text gives the same value).
   *
   * @throws NullPointerException if {@code text} is null
   */
  public static String textSha256(String text) {
    return Canonical.sha256(Checks.notNull(text, "text"));
  }

  /** The canonical JSON text. */
  public String json() {
    return json;
  }

  /** The UTF-8 bytes of {@link #json()}: what {@link TranscriptVerifier} checks. */
  public byte[] bytes() {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** The id of the plan it records. */
  public String planId() {
    return planId;
  }

  /** The fingerprint of the signing key: {@code sha256:} and the hex SHA-256 of its encoding. */
  public String fingerprint() {
    return fingerprint;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Transcript t && t.json.equals(json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  @Override
  public String toString() {
    return "Transcript[plan=" + planId + ", key=" + fingerprint + ", " + json.length() + " chars]";
  }

  /**
   * Collects a transcript's chain links, in order, then signs it. Add every event of the store's
   * log from the plan's first to its last: the plan's own in full, the others (another plan's, a
   * chat session's) as their hashes. Not thread-safe.
   */
  public static final class Builder {
    private final TranscriptWriter writer;
    private final String planId;

    private Builder(PlanSnapshot snapshot) {
      this.writer = new TranscriptWriter(snapshot);
      this.planId = snapshot.planId();
    }

    /**
     * Adds the link of event {@code seq}: in full if it is this plan's, else as its hashes.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code seq} does not follow the previous link's
     */
    public Builder event(long seq, PlanEvent event, String prevHash, String hash) {
      writer.event(seq, Checks.notNull(event, "event"), prevHash, Checks.notNull(hash, "hash"));
      return this;
    }

    /**
     * Adds the link of event {@code seq}, whose content was forgotten: only its time, the hash of
     * its erased payload and its links remain (whose event it was is forgotten too).
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code seq} does not follow the previous link's
     */
    public Builder redacted(
        long seq, Instant at, String payloadHash, String prevHash, String hash) {
      Checks.notNull(at, "at");
      Checks.notNull(payloadHash, "payloadHash");
      writer.redacted(seq, at, payloadHash, prevHash, Checks.notNull(hash, "hash"));
      return this;
    }

    /**
     * Signs the transcript with {@code key} (an Ed25519 pair, see {@link TranscriptKeys}), showing
     * outputs as {@code detail} says. The result is verified before it is returned, so a transcript
     * whose links do not check out is never signed.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code key} is not an Ed25519 pair, or the links added do
     *     not form an unbroken chain of this plan's events (the message says where)
     */
    public Transcript sign(KeyPair key, Detail detail) {
      Checks.notNull(key, "key");
      String json = writer.sign(key, Checks.notNull(detail, "detail") == Detail.FULL);
      byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
      TranscriptCheck check = TranscriptRules.check(bytes, Optional.of(planId));
      if (check instanceof TranscriptCheck.Invalid invalid) {
        throw new IllegalArgumentException("the transcript does not verify: " + invalid.problem());
      }
      return new Transcript(json, planId, ((TranscriptCheck.Valid) check).fingerprint());
    }
  }
}
