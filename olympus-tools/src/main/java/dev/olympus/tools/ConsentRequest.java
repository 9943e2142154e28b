package dev.olympus.tools;

import static dev.olympus.tools.internal.Checks.argument;
import static dev.olympus.tools.internal.Checks.noNulls;
import static dev.olympus.tools.internal.Checks.notBlank;
import static dev.olympus.tools.internal.Checks.notNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What a {@link ConsentProvider} is asked about: one tool call, described for a human, with the
 * exact input that will run if it is allowed. Immutable.
 *
 * <p>The input is not shortened nor redacted: show it whole (e.g. with {@link ConsentText#render},
 * which escapes disguising characters and marks secrets) or page through it; {@link #inputSize()}
 * and {@link #inputDigest()} identify it, and the decision event records the digest. The {@link
 * #summary()} is one line, already escaped by {@link ConsentText#line} and at most {@link
 * #MAX_SUMMARY} characters.
 *
 * @param toolId the tool to run
 * @param scopes the consent scopes it needs
 * @param sideEffect whether running it again is safe
 * @param risk what it does, e.g. "deletes a file or an empty directory" (destructive)
 * @param input the exact input the tool will receive
 * @param inputSize the size in bytes of the input's compact JSON (see {@link #sizeOf})
 * @param inputDigest the SHA-256 of the input's compact JSON (see {@link #digestOf})
 * @param planId the plan the call belongs to
 * @param stepId the step the call belongs to
 * @param summary one escaped line a human can judge, e.g. "write 120 bytes to notes.md"
 * @param resources the paths or hosts the call touches
 */
public record ConsentRequest(
    String toolId,
    List<String> scopes,
    SideEffect sideEffect,
    Risk risk,
    JsonNode input,
    long inputSize,
    String inputDigest,
    String planId,
    String stepId,
    String summary,
    List<Resource> resources) {
  /** The longest {@link #summary()}, in characters. */
  public static final int MAX_SUMMARY = 200;

  /**
   * Checks and copies the fields.
   *
   * @throws NullPointerException if an argument or an element is null
   * @throws IllegalArgumentException if an id or the summary is blank, the summary is longer than
   *     {@link #MAX_SUMMARY}, or {@code inputSize} or {@code inputDigest} is not that of {@code
   *     input}
   */
  public ConsentRequest {
    notBlank(toolId, "toolId");
    scopes = List.copyOf(noNulls(scopes, "scopes"));
    notNull(sideEffect, "sideEffect");
    notNull(risk, "risk");
    input = notNull(input, "input").deepCopy();
    argument(inputSize == sizeOf(input), "inputSize does not match the input");
    argument(digestOf(input).equals(inputDigest), "inputDigest does not match the input");
    notBlank(planId, "planId");
    notBlank(stepId, "stepId");
    notBlank(summary, "summary");
    argument(summary.length() <= MAX_SUMMARY, "summary is longer than " + MAX_SUMMARY);
    resources = List.copyOf(noNulls(resources, "resources"));
  }

  /** Returns a copy of the exact input. */
  @Override
  public JsonNode input() {
    return input.deepCopy();
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
}
