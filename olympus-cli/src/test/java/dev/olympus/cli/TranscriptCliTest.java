package dev.olympus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.plan.transcript.TranscriptKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TranscriptCliTest extends CliTestBase {

  @Test
  void transcriptPrintsTheSameSignedBytesEachTimeAndVerifyTranscriptChecksThem()
      throws IOException {
    assertEquals(
        0, olympus("o\n", "run", planFile(writePlan("p1", "notes.md", "# Notes")).toString()));

    assertEquals(0, olympus("", "transcript", "p1"), () -> printed);
    String transcript = printed;
    assertTrue(transcript.startsWith("{\"detail\":\"full\",\"events\":["), transcript);
    assertEquals(0, olympus("", "transcript", "p1"));
    assertEquals(transcript, printed, "exported twice, the same bytes");
    Path file = Files.writeString(home.resolve("t.json"), transcript);
    String fingerprint =
        TranscriptKeys.fingerprint(
            TranscriptKeys.loadOrCreate(home.resolve("transcript-key.pem")).getPublic());

    assertEquals(0, olympus("", "verify-transcript", file.toString()), () -> printed);
    assertTrue(
        printed
            .lines()
            .findFirst()
            .orElseThrow()
            .matches(
                "transcript of plan p1: valid; \\d+ events of the plan in log events \\d+\\.\\.\\d+,"
                    + " none left out; outputs in full; signed by key sha256:\\S+"),
        printed);
    assertTrue(printed.contains("signed by key " + fingerprint), printed);
    assertTrue(printed.contains("compare this fingerprint"), printed);
    assertEquals(
        0,
        olympus(
            "",
            "verify-transcript",
            file.toString(),
            "--plan",
            "p1",
            "--fingerprint",
            fingerprint));
    assertEquals(1, olympus("", "verify-transcript", file.toString(), "--plan", "p2"));
    assertTrue(
        printed.startsWith("transcript INVALID: this is the transcript of plan p1"), printed);
    assertEquals(
        1, olympus("", "verify-transcript", file.toString(), "--fingerprint", "sha256:00"));
    assertTrue(printed.contains("not by sha256:00"), printed);
  }

  @Test
  void aChangedByteMakesVerifyTranscriptFailWithTheReason() throws IOException {
    assertEquals(
        0, olympus("o\n", "run", planFile(writePlan("p1", "notes.md", "# Notes")).toString()));
    assertEquals(0, olympus("", "transcript", "p1", "--hashes"));
    Path hashed = Files.writeString(home.resolve("hashed.json"), printed);
    String changed = printed.replace("\"to\":\"DONE\"", "\"to\":\"DONF\"");
    Path file = Files.write(home.resolve("t.json"), changed.getBytes(StandardCharsets.UTF_8));

    assertEquals(1, olympus("", "verify-transcript", file.toString()));
    assertTrue(printed.startsWith("transcript INVALID: "), printed);
    assertEquals(0, olympus("", "verify-transcript", hashed.toString()), () -> printed);
    assertTrue(printed.contains(", none left out; outputs as SHA-256 hashes; signed by"), printed);
  }

  @Test
  void anUnknownPlanHasNoTranscript() {
    assertTrue(olympus("", "transcript", "nope") != 0);
    assertTrue(printed.contains("nope"), printed);
  }
}
