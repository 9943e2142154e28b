package dev.olympus.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.Plan;
import dev.olympus.plan.transcript.Transcript;
import dev.olympus.plan.transcript.TranscriptKeys;
import dev.olympus.plan.transcript.TranscriptVerifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every byte of a real run's transcript changed in turn, then random substitutions: the verifier
 * notices each. Kept apart from {@link TranscriptTest} because it verifies the transcript thousands
 * of times; mutation testing leaves fuzz tests out (see the parent pom's {@code pit} profile).
 */
class TranscriptTamperFuzzTest {
  @TempDir Path dir;

  @Test
  void everySingleByteChangeIsDetected() throws Exception {
    byte[] bytes;
    try (MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"))) {
      Plan plan = TranscriptFixture.runGoldenPlan(memory, dir);
      bytes =
          Transcripts.export(memory, plan.id(), TranscriptKeys.generate(), Transcript.Detail.FULL)
              .bytes();
    }
    List<Integer> undetected = new ArrayList<>();
    for (int i = 0; i < bytes.length; i++) {
      if (TranscriptVerifier.verify(changed(bytes, i, (byte) (bytes[i] ^ 1))).valid()) {
        undetected.add(i);
      }
    }
    assertEquals(List.of(), undetected, "of " + bytes.length + ", these flips went unnoticed");
    byte[] transcript = bytes;
    qt().withExamples(2_000)
        .forAll(integers().between(0, bytes.length - 1), integers().between(0, 255))
        .assuming((at, value) -> transcript[at] != (byte) (int) value)
        .check(
            (at, value) ->
                !TranscriptVerifier.verify(changed(transcript, at, (byte) (int) value)).valid());
  }

  private static byte[] changed(byte[] bytes, int at, byte value) {
    byte[] copy = bytes.clone();
    copy[at] = value;
    return copy;
  }
}
