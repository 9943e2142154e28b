package dev.olympus.plan.transcript;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanSnapshot;
import dev.olympus.plan.PlanState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transcript format against hand-computed chain links, as the memory module computes them. */
class TranscriptVerifierTest {
  private static final KeyPair KEY = TranscriptKeys.generate();
  private static final String ZERO = "0".repeat(64);
  private static final Instant AT = Instant.parse("2026-12-06T01:00:00Z");
  // The canonical JSON of the two events: keys sorted, no whitespace.
  private static final String QUEUED =
      "{\"correlationId\":\"\",\"data\":{\"from\":\"DRAFT\",\"to\":\"QUEUED\"},\"kind\":\"plan.state\","
          + "\"planId\":\"p1\",\"timestamp\":\"2026-12-06T01:00:00Z\"}";
  private static final String RUNNING =
      "{\"correlationId\":\"\",\"data\":{\"from\":\"QUEUED\",\"to\":\"RUNNING\"},\"kind\":\"plan.state\","
          + "\"planId\":\"p1\",\"timestamp\":\"2026-12-06T01:00:00Z\"}";

  @TempDir Path dir;

  private final Plan plan = Plan.builder("t").id("p1").step("a", s -> s.uses("x.y")).build();
  private final String first = link(ZERO, 1, QUEUED);
  private final String second = link(first, 2, RUNNING);

  @Test
  void aTranscriptOfHandComputedLinksVerifiesAndNamesItsKey() {
    Transcript transcript =
        builder().event(2, running(), first, second).sign(KEY, Transcript.Detail.FULL);

    TranscriptCheck.Valid valid =
        assertInstanceOf(
            TranscriptCheck.Valid.class, TranscriptVerifier.verify(transcript.bytes(), "p1"));
    assertEquals(TranscriptKeys.fingerprint(KEY.getPublic()), valid.fingerprint());
    assertEquals(1, valid.firstSeq());
    assertEquals(2, valid.lastSeq());
    assertEquals(2, valid.events());
    byte[] withNewline = (transcript.json() + "\n").getBytes(StandardCharsets.UTF_8);
    assertTrue(TranscriptVerifier.verify(withNewline).valid());
    assertArrayEquals(
        transcript.bytes(),
        builder().event(2, running(), first, second).sign(KEY, Transcript.Detail.FULL).bytes());
  }

  @Test
  void aLinkThatDoesNotMatchIsNeverSigned() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> builder().event(2, running(), first, ZERO).sign(KEY, Transcript.Detail.FULL));
    assertTrue(e.getMessage().contains("event 2 does not match its hash"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> builder().event(3, running(), first, second));
  }

  @Test
  void textThatIsNotTheCanonicalFormIsRefused() {
    String json =
        builder().event(2, running(), first, second).sign(KEY, Transcript.Detail.FULL).json();

    assertTrue(problem("{".getBytes(StandardCharsets.UTF_8)).startsWith("not JSON"));
    assertTrue(
        problem(json.replace(",", ", ").getBytes(StandardCharsets.UTF_8))
            .contains("not in canonical form"));
    assertTrue(problem(new byte[] {'{', (byte) 0xC3, '}'}).contains("not UTF-8"));
  }

  @Test
  void theKeyFileHoldsBothHalvesAndAFileWithoutThemIsRefused() throws Exception {
    Path file = dir.resolve("key.pem");
    KeyPair pair = TranscriptKeys.loadOrCreate(file);
    assertTrue(Files.readString(file).contains("-----BEGIN PRIVATE KEY-----"));
    assertArrayEquals(
        pair.getPublic().getEncoded(), TranscriptKeys.loadOrCreate(file).getPublic().getEncoded());
    Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TranscriptKeys.loadOrCreate(empty));
    assertTrue(e.getMessage().contains("has no PRIVATE KEY block"), e.getMessage());
  }

  private Transcript.Builder builder() {
    return Transcript.builder(PlanSnapshot.initial(plan, AT)).event(1, queued(), ZERO, first);
  }

  private static PlanEvent queued() {
    return PlanEvent.planState("p1", PlanState.DRAFT, PlanState.QUEUED, AT);
  }

  private static PlanEvent running() {
    return PlanEvent.planState("p1", PlanState.QUEUED, PlanState.RUNNING, AT);
  }

  private static String problem(byte[] transcript) {
    return assertInstanceOf(TranscriptCheck.Invalid.class, TranscriptVerifier.verify(transcript))
        .problem();
  }

  // As the memory module links events: SHA-256 of prevHash:seq:millis:SHA-256(payload).
  private static String link(String prev, long seq, String payload) {
    return Transcript.textSha256(
        prev + ":" + seq + ":" + AT.toEpochMilli() + ":" + Transcript.textSha256(payload));
  }
}
