package dev.olympus.tools;

import static dev.olympus.tools.internal.Checks.argument;
import static dev.olympus.tools.internal.Checks.noNulls;
import static dev.olympus.tools.internal.Checks.notBlank;
import static dev.olympus.tools.internal.Checks.notNull;
import static dev.olympus.tools.internal.Checks.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link ConsentProvider} is asked about: one tool call, described for a human, with the
 * exact input that will run if it is allowed. Immutable and thread-safe.
 *
 * <p>The input is not shortened nor redacted: show it whole (e.g. with {@link ConsentText#render},
 * which escapes disguising characters and marks secrets) or page through it; {@link #inputSize()}
 * and {@link #inputDigest()} identify it, and the decision event records the digest. The {@link
 * #summary()} is one line, already escaped by {@link ConsentText#line} and at most {@link
 * #MAX_SUMMARY} characters.
 *
 * <p>The {@link ConsentGate} builds requests; a host builds one only to test its consent UI:
 *
 * <pre>{@code
 * ConsentRequest request = ConsentRequest.builder("fs.write", input)
 *     .scopes(List.of("fs.write"))
 *     .step("plan-1", "write")
 *     .summary("write 120 bytes to notes.md")
 *     .build();
 * }</pre>
 */
public final class ConsentRequest {
  /** The longest {@link #summary()}, in characters. */
  public static final int MAX_SUMMARY = 200;

  private final String toolId;
  private final List<String> scopes;
  private final SideEffect sideEffect;
  private final Risk risk;
  private final JsonNode input;
  private final long inputSize;
  private final String inputDigest;
  private final String planId;
  private final String stepId;
  private final String summary;
  private final List<Resource> resources;

  private ConsentRequest(Builder b) {
    this.toolId = b.toolId;
    this.scopes = b.scopes;
    this.sideEffect = b.sideEffect;
    this.risk = b.risk == null ? Risk.describing(b.sideEffect) : b.risk;
    this.input = b.input.deepCopy();
    this.inputSize = sizeOf(input);
    this.inputDigest = digestOf(input);
    this.planId = b.planId;
    this.stepId = b.stepId;
    this.summary = b.summary;
    this.resources = b.resources;
  }

  /**
   * Starts a request to run {@code toolId} with exactly {@code input}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code toolId} is blank
   */
  public static Builder builder(String toolId, JsonNode input) {
    return new Builder(toolId, input);
  }

  /** Returns a builder holding this request's values. */
  public Builder toBuilder() {
    return new Builder(toolId, input)
        .scopes(scopes)
        .sideEffect(sideEffect)
        .risk(risk)
        .step(planId, stepId)
        .summary(summary)
        .resources(resources);
  }

  /** Returns the tool to run. */
  public String toolId() {
    return toolId;
  }

  /** Returns the consent scopes the call needs. */
  public List<String> scopes() {
    return scopes;
  }

  /** Returns whether running the call again is safe. */
  public SideEffect sideEffect() {
    return sideEffect;
  }

  /** Returns what the call does, e.g. "deletes a file or an empty directory" (destructive). */
  public Risk risk() {
    return risk;
  }

  /** Returns a copy of the exact input the tool will receive. */
  public JsonNode input() {
    return input.deepCopy();
  }

  /** Returns the size in bytes of the input's compact JSON ({@link #sizeOf}). */
  public long inputSize() {
    return inputSize;
  }

  /** Returns the SHA-256 of the input's compact JSON ({@link #digestOf}). */
  public String inputDigest() {
    return inputDigest;
  }

  /** Returns the plan the call belongs to. */
  public String planId() {
    return planId;
  }

  /** Returns the step the call belongs to. */
  public String stepId() {
    return stepId;
  }

  /** Returns one escaped line a human can judge, e.g. "write 120 bytes to notes.md". */
  public String summary() {
    return summary;
  }

  /** Returns the paths or hosts the call touches. */
  public List<Resource> resources() {
    return resources;
  }

  /**
   * Returns the size of {@code input} in bytes: the length of the UTF-8 encoding of {@code
   * input.toString()}, Jackson's compact JSON.
   *
   * @throws NullPointerException if {@code input} is null
   */
  public static long sizeOf(JsonNode input) {
    return notNull(input, "input").toString().getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * Returns the digest of {@code input}: SHA-256, as 64 lower-case hex digits, of the UTF-8
   * encoding of {@code input.toString()}, Jackson's compact JSON.
   *
   * @throws NullPointerException if {@code input} is null
   */
  public static String digestOf(JsonNode input) {
    byte[] json = notNull(input, "input").toString().getBytes(StandardCharsets.UTF_8);
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ConsentRequest that
        && toolId.equals(that.toolId)
        && scopes.equals(that.scopes)
        && sideEffect == that.sideEffect
        && risk.equals(that.risk)
        && input.equals(that.input)
        && planId.equals(that.planId)
        && stepId.equals(that.stepId)
        && summary.equals(that.summary)
        && resources.equals(that.resources);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        toolId, scopes, sideEffect, risk, input, planId, stepId, summary, resources);
  }

  @Override
  public String toString() {
    return "ConsentRequest[toolId="
        + toolId
        + ", scopes="
        + scopes
        + ", plan="
        + planId
        + ", step="
        + stepId
        + ", summary="
        + summary
        + ", inputSize="
        + inputSize
        + ", inputDigest="
        + inputDigest
        + "]";
  }

  /**
   * Builds a {@link ConsentRequest}. Settings may be called again: the last call wins. Not
   * thread-safe; can build more than once.
   */
  public static final class Builder {
    private final String toolId;
    private final JsonNode input;
    private List<String> scopes = List.of();
    private SideEffect sideEffect = SideEffect.SIDE_EFFECT;
    private Risk risk;
    private String planId;
    private String stepId;
    private String summary;
    private List<Resource> resources = List.of();

    private Builder(String toolId, JsonNode input) {
      this.toolId = notBlank(toolId, "toolId");
      this.input = notNull(input, "input").deepCopy();
    }

    /**
     * Sets the consent scopes the call needs; default none.
     *
     * @throws NullPointerException if {@code scopes} or a scope is null
     */
    public Builder scopes(List<String> scopes) {
      this.scopes = List.copyOf(noNulls(scopes, "scopes"));
      return this;
    }

    /**
     * Sets the tool's side-effect class; default {@link SideEffect#SIDE_EFFECT}.
     *
     * @throws NullPointerException if {@code sideEffect} is null
     */
    public Builder sideEffect(SideEffect sideEffect) {
      this.sideEffect = notNull(sideEffect, "sideEffect");
      return this;
    }

    /**
     * Sets what the call does; default {@link Risk#describing} the side-effect class.
     *
     * @throws NullPointerException if {@code risk} is null
     */
    public Builder risk(Risk risk) {
      this.risk = notNull(risk, "risk");
      return this;
    }

    /**
     * Sets the plan and step the call belongs to (required).
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if an argument is blank
     */
    public Builder step(String planId, String stepId) {
      this.planId = notBlank(planId, "planId");
      this.stepId = notBlank(stepId, "stepId");
      return this;
    }

    /**
     * Sets the one line shown to the person (required), already escaped ({@link ConsentText#line}).
     *
     * @throws NullPointerException if {@code summary} is null
     * @throws IllegalArgumentException if {@code summary} is blank or longer than {@link
     *     #MAX_SUMMARY}
     */
    public Builder summary(String summary) {
      notBlank(summary, "summary");
      argument(summary.length() <= MAX_SUMMARY, "summary is longer than " + MAX_SUMMARY);
      this.summary = summary;
      return this;
    }

    /**
     * Sets the paths or hosts the call touches; default none.
     *
     * @throws NullPointerException if {@code resources} or a resource is null
     */
    public Builder resources(List<Resource> resources) {
      this.resources = List.copyOf(noNulls(resources, "resources"));
      return this;
    }

    /**
     * Builds the request, computing the input's size and digest.
     *
     * @throws IllegalStateException if the plan and step or the summary were not set
     */
    public ConsentRequest build() {
      state(planId != null, "planId and stepId must be set (step(planId, stepId))");
      state(summary != null, "summary must be set");
      return new ConsentRequest(this);
    }
  }
}
