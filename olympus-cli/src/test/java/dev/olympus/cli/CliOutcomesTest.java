package dev.olympus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SearchHit;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.Plan;
import dev.olympus.tools.ConsentGrants;
import dev.olympus.tools.Resource;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Exit codes and the lines a person sees for the outcomes the other tests do not reach. */
class CliOutcomesTest extends CliTestBase {
  @Test
  void ingestingAFileInsteadOfAFolderSaysItIsNotAFolder() throws IOException {
    Path file = Files.writeString(home.resolve("notes.md"), "# Notes");
    assertEquals(1, olympus("", "ingest", file.toString()));
    assertEquals("error: not a folder: " + file + "\n", printed);
  }

  @Test
  void eventsOfAnUnknownPlanSaySoWithExitCodeOne() {
    assertEquals(1, olympus("", "events", "nope"));
    assertEquals("no events for plan nope\n", printed);
  }

  @Test
  void blankGoalsSessionsAndAMissingScopeAreUsageErrors() {
    assertEquals(2, olympus("", "ask", "  "));
    assertEquals("usage: olympus ask \"<goal>\"\n", printed);
    assertEquals(2, olympus("", "chat", "--session", " "));
    assertEquals("usage: olympus chat [--session <id>]\n", printed);
    assertEquals(2, olympus("", "grants", "revoke"));
    assertEquals("usage: olympus grants revoke <scope>\n", printed);
  }

  @Test
  void anUnexpectedErrorNamesItsTypeAndPointsAtVerbose() {
    assertEquals(1, olympus("", "transcript", "nope"));
    assertEquals(1, printed.lines().count(), printed);
    assertTrue(printed.startsWith("error: "), printed);
    assertTrue(printed.endsWith(" (--verbose shows the stack trace)\n"), printed);
  }

  @Test
  void aTranscriptFileTooLargeIsInvalidBeforeItIsRead() throws IOException {
    Path huge = home.resolve("huge.json");
    try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
      file.setLength(512L * 1024 * 1024 + 1); // sparse: no disk or heap spent
    }
    assertEquals(1, olympus("", "verify-transcript", huge.toString()));
    assertEquals(
        "transcript INVALID: the file has 536870913 bytes, more than a transcript may (536870912)\n",
        printed);
  }

  @Test
  void theReportSaysWhatMovesAndDeletesDid() throws IOException {
    Files.createDirectories(cli.workspace());
    Files.writeString(cli.workspace().resolve("draft.md"), "x");
    Plan plan =
        Plan.builder("tidy")
            .id("t1")
            .step("rename", s -> s.uses("fs.move").with("from", "draft.md").with("to", "final.md"))
            .step("remove", s -> s.uses("fs.delete").after("rename").with("path", "final.md"))
            .step("again", s -> s.uses("fs.delete").after("remove").with("path", "final.md"))
            .build();
    assertEquals(0, olympus("p\np\np\n", "run", planFile(plan).toString()), () -> printed);
    Path workspace = cli.workspace();
    assertTrue(
        printed.contains(
            "  rename: moved "
                + workspace.resolve("draft.md")
                + " to "
                + workspace.resolve("final.md")
                + "\n"),
        printed);
    assertTrue(printed.contains("  remove: deleted " + workspace.resolve("final.md") + "\n"));
    assertTrue(
        printed.contains("  again: found nothing at " + workspace.resolve("final.md") + "\n"),
        printed);
  }

  @Test
  void aConfirmationTakesYInAnyCaseAndEndOfInputIsNo() throws IOException {
    Path plan = planFile(writePlan("c1", "n.md", "x"));
    assertEquals(1, olympus("d\n", "run", plan.toString()));
    assertEquals(1, olympus("", "resume", "c1"), () -> printed);
    assertTrue(printed.contains("Approve it now? [y/N] > \n"), "end of input ends the line");
    assertFalse(Files.exists(cli.workspace().resolve("n.md")));
    assertEquals(0, olympus(" Y \n", "resume", "c1"), () -> printed);
    assertEquals("x", Files.readString(cli.workspace().resolve("n.md")));
  }

  @Test
  void resumingAnUnknownPlanSaysWhereThePlansAre() {
    assertEquals(1, olympus("", "resume", "nope"));
    assertEquals("no plan nope; see `olympus plans`\n", printed);
  }

  @Test
  void aGrantWithinAFolderIsListedWithIt() throws IOException {
    ConsentGrants grants = ConsentGrants.empty();
    grants.grant(new ConsentGrants.Grant("fs.write", Optional.of(Resource.path("notes"))));
    grants.grant(new ConsentGrants.Grant("fs.read", Optional.empty()));
    Files.writeString(home.resolve("grants.json"), grants.toJson());
    assertEquals(0, olympus("", "grants"));
    assertEquals("fs.write within notes\nfs.read everywhere\n", printed);
  }

  @Test
  void ingestSaysWhatItSkippedFollowsNoLinksAndCountsOnlyNewDocuments() throws IOException {
    Path docs = Files.createDirectories(home.resolve("docs"));
    Files.writeString(docs.resolve("a.md"), "Revenue grew.");
    Files.writeString(docs.resolve("page.html"), "<title>Launch</title><p>Search shipped.</p>");
    Files.write(docs.resolve("logo.png"), new byte[] {1, 2, 3});
    Files.createDirectories(docs.resolve("empty.md"));
    Path outside = Files.writeString(home.resolve("secret.md"), "not in the folder");
    Files.createSymbolicLink(docs.resolve("link.md"), outside);

    assertEquals(0, olympus("", "ingest", docs.toString()), () -> printed);
    assertEquals(
        "ingested a.md (1 chunks)\n"
            + "ingested page.html (1 chunks)\n"
            + "skipped logo.png: not a PDF, HTML, Markdown or text file\n"
            + "2 documents in "
            + home.resolve("olympus.db")
            + "\n",
        printed);
    assertEquals(0, olympus("", "ingest", docs.toString()));
    assertTrue(printed.startsWith("ingested a.md (1 chunks, unchanged)\n"), printed);
    try (MemoryStore memory = SqliteMemoryStore.open(home.resolve("olympus.db"))) {
      assertEquals(2, memory.counters().get(IngestCommand.INGESTED), "stored once");
      List<SearchHit> titled =
          memory.documents().search("shipped", 5, Map.of("format", "HTML", "title", "Launch"));
      assertEquals("page.html", titled.get(0).citation().sourceId(), titled::toString);
    }
  }

  @Test
  void aPlanFileOfExactlyTheLimitIsReadAndJudgedOnItsContent() throws IOException {
    Path big = home.resolve("big.json");
    try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
      file.setLength(RunCommand.MAX_PLAN_BYTES);
    }
    assertEquals(1, olympus("", "run", big.toString()));
    assertTrue(printed.startsWith("error: " + big + " is not a valid plan: "), printed);
  }

  @Test
  void hmacKeysOfSixteenToFourThousandNinetySixBytesAreTakenAndOthersRefused() throws IOException {
    assertEquals(16, HmacKeys.fromText("k".repeat(16)).length);
    assertEquals(4096, HmacKeys.fromText("k".repeat(4096) + "\r\n").length);
    for (String refused : List.of("k".repeat(15), "k".repeat(4097), "\n", "")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> HmacKeys.fromText(refused));
      assertTrue(e.getMessage().contains("an HMAC key needs 16 to 4096"), e.getMessage());
    }
    assertEquals(17, HmacKeys.fromText("k".repeat(16) + "\r").length, "a lone CR is key");
    Path withBreak = Files.writeString(home.resolve("k1"), "k".repeat(4096) + "\r\n");
    assertEquals(4096, HmacKeys.fromFile(withBreak).length);
    Path tooBig = Files.writeString(home.resolve("k2"), "k".repeat(4099));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> HmacKeys.fromFile(tooBig));
    assertEquals("key file " + tooBig + " has 4099 bytes; a key has at most 4096", e.getMessage());
  }
}
