package dev.olympus.executor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanSnapshot;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.transcript.Transcript;
import dev.olympus.plan.transcript.TranscriptCheck;
import dev.olympus.plan.transcript.TranscriptKeys;
import dev.olympus.plan.transcript.TranscriptVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signed transcripts of real runs on a real SQLite store. */
class TranscriptTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final KeyPair KEY = TranscriptKeys.generate();

  @TempDir Path dir;

  @Test
  void theSameRunExportsToTheSameBytesAndRecordsConsentModelAndToolCalls() throws Exception {
    try (MemoryStore memory = store()) {
      Plan plan = TranscriptFixture.runGoldenPlan(memory, dir);
      Transcript first = Transcripts.export(memory, plan.id(), KEY, Transcript.Detail.FULL);
      Transcript again = Transcripts.export(memory, plan.id(), KEY, Transcript.Detail.FULL);

      assertArrayEquals(first.bytes(), again.bytes());
      TranscriptCheck.Valid valid =
          assertInstanceOf(
              TranscriptCheck.Valid.class, TranscriptVerifier.verify(first.bytes(), plan.id()));
      assertEquals(TranscriptKeys.fingerprint(KEY.getPublic()), valid.fingerprint());
      assertEquals(memory.events().byPlan(plan.id()).size(), valid.events());

      List<JsonNode> events = events(first);
      List<JsonNode> decisions = all(events, "consent.decision");
      assertFalse(decisions.isEmpty());
      decisions.forEach(
          d -> assertEquals(64, d.path("data").path("inputDigest").asText().length(), "digest"));
      JsonNode model = single(events, "model.call").path("data");
      assertEquals("scripted", model.path("provider").asText());
      assertEquals(
          Transcript.textSha256("Summarize the report."), model.path("promptSha256").asText());
      assertEquals(Transcript.textSha256("Sales grew."), model.path("replySha256").asText());
      assertTrue(model.has("promptTokens") && model.has("usd") && model.has("cached"));
      JsonNode written = readTree(first).path("snapshot").path("steps").path("summarize");
      List<JsonNode> toolCalls = all(events, "tool.call");
      assertEquals(2, toolCalls.size());
      String approved =
          decisions.stream()
              .filter(d -> d.path("stepId").asText().equals("draft"))
              .filter(d -> !d.path("data").path("decision").asText().equals("ASKED"))
              .findFirst()
              .orElseThrow()
              .path("data")
              .path("inputDigest")
              .asText();
      assertEquals(approved, toolCalls.get(0).path("data").path("inputDigest").asText());
      assertEquals(
          Transcript.sha256(written.path("output")),
          toolCalls.get(1).path("data").path("outputSha256").asText());
    }
  }

  @Test
  void withHashesTheOutputsAreTheirSha256AndStillVerify() throws Exception {
    try (MemoryStore memory = store()) {
      Plan plan = TranscriptFixture.runGoldenPlan(memory, dir);
      Transcript full = Transcripts.export(memory, plan.id(), KEY, Transcript.Detail.FULL);
      Transcript hashes = Transcripts.export(memory, plan.id(), KEY, Transcript.Detail.HASHES);

      assertTrue(TranscriptVerifier.verify(hashes.bytes()).valid());
      JsonNode step = readTree(hashes).path("snapshot").path("steps").path("summarize");
      assertFalse(step.has("output"));
      assertEquals(
          Transcript.sha256(
              readTree(full).path("snapshot").path("steps").path("summarize").path("output")),
          step.path("outputSha256").asText());
    }
  }

  @Test
  void aTranscriptOfOnePlanCannotPassAsAnothers() throws Exception {
    try (MemoryStore memory = store()) {
      Plan one = TranscriptFixture.runGoldenPlan(memory, dir);
      Plan other = TranscriptFixture.runGoldenPlan(memory, dir);
      Transcript transcript = Transcripts.export(memory, one.id(), KEY, Transcript.Detail.FULL);

      TranscriptCheck asOther = TranscriptVerifier.verify(transcript.bytes(), other.id());
      assertFalse(asOther.valid());
      assertTrue(asOther.toString().contains("not of " + other.id()), asOther::toString);
      // Every mention of the plan id renamed: the signature covers the id, so it fails.
      byte[] renamed =
          transcript.json().replace(one.id(), other.id()).getBytes(StandardCharsets.UTF_8);
      TranscriptCheck forged = TranscriptVerifier.verify(renamed, other.id());
      assertTrue(forged.toString().contains("does not match"), forged::toString);
      // Only the top-level plan id renamed: the events and the signature still name the other.
      ObjectNode root = readTree(transcript);
      root.put("planId", other.id());
      byte[] relabelled = sorted(root).toString().getBytes(StandardCharsets.UTF_8);
      assertFalse(TranscriptVerifier.verify(relabelled, other.id()).valid());
    }
  }

  @Test
  void forgottenEventsStillVerifyAndShowAsRedacted() throws Exception {
    try (MemoryStore memory = store()) {
      Plan plan = TranscriptFixture.runGoldenPlan(memory, dir);
      int before = memory.events().byPlan(plan.id()).size();
      memory.forget("summarize"); // the step's name: every event of that step mentions it

      Transcript transcript = Transcripts.export(memory, plan.id(), KEY, Transcript.Detail.FULL);
      TranscriptCheck.Valid valid =
          assertInstanceOf(
              TranscriptCheck.Valid.class, TranscriptVerifier.verify(transcript.bytes()));
      assertFalse(valid.redactedSeqs().isEmpty());
      assertEquals(before, valid.events() + valid.redactedSeqs().size());
      assertFalse(transcript.json().contains("\"stepId\":\"summarize\""));
    }
  }

  @Test
  void otherPlansEventsInBetweenAreHashesAndNoneMayBeLeftOut() throws Exception {
    try (MemoryStore memory = store()) {
      Plan plan = Plan.builder("interleaved").step("a", s -> s.uses("memory.search")).build();
      memory.checkpoints().save(PlanSnapshot.initial(plan, Instant.EPOCH));
      Instant at = Instant.parse("2026-12-06T01:00:00Z");
      memory.events().append(PlanEvent.planState(plan.id(), PlanState.DRAFT, PlanState.QUEUED, at));
      memory.events().append(PlanEvent.of("someone-else", "chat.message", at));
      memory
          .events()
          .append(PlanEvent.planState(plan.id(), PlanState.QUEUED, PlanState.RUNNING, at));
      Transcript transcript = Transcripts.export(memory, plan.id(), KEY, Transcript.Detail.FULL);

      TranscriptCheck.Valid valid =
          assertInstanceOf(
              TranscriptCheck.Valid.class, TranscriptVerifier.verify(transcript.bytes()));
      assertEquals(2, valid.events());
      assertEquals(3, valid.lastSeq() - valid.firstSeq() + 1);
      assertFalse(transcript.json().contains("someone-else"));

      ObjectNode root = readTree(transcript);
      ((ArrayNode) root.get("events")).remove(1);
      TranscriptCheck gap = TranscriptVerifier.verify(resigned(root));
      assertTrue(gap.toString().contains("events 2 to 2 are missing"), gap::toString);
    }
  }

  @Test
  void aPlanWithoutCheckpointHasNoTranscript() throws Exception {
    try (MemoryStore memory = store()) {
      assertThrows(
          PlanNotFoundException.class,
          () -> Transcripts.export(memory, "nope", KEY, Transcript.Detail.FULL));
    }
  }

  @Test
  void theKeyFileIsCreatedOnceAndReadBack() throws Exception {
    Path file = dir.resolve("keys").resolve("transcript-key.pem");
    KeyPair created = TranscriptKeys.loadOrCreate(file);
    KeyPair read = TranscriptKeys.loadOrCreate(file);
    assertArrayEquals(created.getPublic().getEncoded(), read.getPublic().getEncoded());
    assertArrayEquals(created.getPrivate().getEncoded(), read.getPrivate().getEncoded());
    assertEquals(
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"),
        Files.getPosixFilePermissions(file));
  }

  private MemoryStore store() {
    return SqliteMemoryStore.open(dir.resolve("olympus-" + System.nanoTime() + ".db"));
  }

  private static ObjectNode readTree(Transcript transcript) throws Exception {
    return (ObjectNode) JSON.readTree(transcript.json());
  }

  private static List<JsonNode> events(Transcript transcript) throws Exception {
    List<JsonNode> events = new ArrayList<>();
    readTree(transcript).path("events").forEach(e -> events.add(e.path("event")));
    return events;
  }

  private static List<JsonNode> all(List<JsonNode> events, String kind) {
    return events.stream().filter(e -> e.path("kind").asText().equals(kind)).toList();
  }

  private static JsonNode single(List<JsonNode> events, String kind) {
    List<JsonNode> found = all(events, kind);
    assertEquals(1, found.size(), kind);
    return found.get(0);
  }

  // The transcript re-signed with the same key after a change: only the content checks remain.
  private static byte[] resigned(ObjectNode root) throws Exception {
    root.remove("signature");
    String body = sorted(root).toString();
    Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(KEY.getPrivate());
    signer.update(body.getBytes(StandardCharsets.UTF_8));
    ObjectNode signed = (ObjectNode) JSON.readTree(body);
    signed.put("signature", HexFormat.of().formatHex(signer.sign()));
    return sorted(signed).toString().getBytes(StandardCharsets.UTF_8);
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      TreeMap<String, JsonNode> fields = new TreeMap<>();
      node.properties().forEach(e -> fields.put(e.getKey(), sorted(e.getValue())));
      ObjectNode copy = JSON.createObjectNode();
      fields.forEach(copy::set);
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JSON.createArrayNode();
      node.forEach(e -> copy.add(sorted(e)));
      return copy;
    }
    return node;
  }
}
