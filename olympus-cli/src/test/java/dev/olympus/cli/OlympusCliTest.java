package dev.olympus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.plan.Plan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the command line in-process with captured output and scripted terminal answers. */
class OlympusCliTest extends CliTestBase {
  private static Plan writePlan(String id, String content) {
    return writePlan(id, "notes.md", content);
  }

  @Test
  void ingestAndSearchNeedNoModel() throws IOException {
    Path docs = Files.createDirectories(home.resolve("docs"));
    Files.writeString(docs.resolve("report.md"), "# Q3\n\nRevenue grew 12% on local demand.");
    Files.writeString(docs.resolve("page.html"), "<title>T</title><p>Offline search shipped.</p>");
    assertEquals(0, olympus("", "ingest", docs.toString()), () -> printed);
    assertTrue(printed.contains("ingested report.md (1 chunks)"), printed);
    assertTrue(printed.contains("2 documents"), printed);
    assertEquals(0, olympus("", "search", "revenue"), () -> printed);
    assertTrue(printed.startsWith("[report.md #0 @0-"), printed);
    assertTrue(printed.contains("Revenue grew 12%"), printed);
  }

  @Test
  void runAsksConsentInTheTerminalThenPlansEventsAndVerify() throws IOException {
    Path plan = planFile(writePlan("p1", "# Notes"));
    assertEquals(0, olympus("o\n", "run", plan.toString()), () -> printed);
    assertTrue(printed.contains("Olympus asks to: write"), printed);
    assertTrue(printed.contains("  input: 39 characters, 39 bytes, sha-256 "), printed);
    assertTrue(printed.contains("    {\"path\":\"notes.md\",\"content\":\"# Notes\"}"), printed);
    assertTrue(printed.contains("[o] allow once  [p] allow for this plan  [a] always  [d] deny"));
    assertTrue(printed.contains("write: PENDING -> RUNNING"), printed);
    assertTrue(printed.contains("plan p1 DONE"), printed);
    assertTrue(printed.contains("write: wrote " + home.resolve("workspace/notes.md")), printed);
    assertEquals("# Notes", Files.readString(home.resolve("workspace/notes.md")));

    assertEquals(0, olympus("", "plans"));
    assertTrue(printed.contains("p1  DONE"), printed);
    assertEquals(0, olympus("", "events", "p1"));
    assertTrue(printed.contains("consent.decision [write]"), printed);
    assertEquals(0, olympus("", "verify"));
    assertTrue(printed.startsWith("audit log: Intact"), printed);
  }

  @Test
  void deniedStepIsBlockedAndResumeApprovesIt() throws IOException {
    Path plan = planFile(writePlan("p2", "later"));
    assertEquals(1, olympus("d\nn\n", "run", plan.toString()), () -> printed);
    assertTrue(printed.contains("BLOCKED"), printed);
    assertTrue(printed.contains("olympus resume p2"), printed);
    assertFalse(Files.exists(home.resolve("workspace/notes.md")));
    assertEquals(0, olympus("y\n", "resume", "p2"), () -> printed);
    assertTrue(printed.contains("plan p2 DONE"), printed);
    assertEquals("later", Files.readString(home.resolve("workspace/notes.md")));
  }

  @Test
  void alwaysBecomesAStandingGrantThatCanBeRevoked() throws IOException {
    assertEquals(0, olympus("a\n", "run", planFile(writePlan("p3", "x")).toString()));
    assertEquals(0, olympus("", "grants"));
    assertTrue(printed.contains("fs.write"), printed);
    assertEquals(0, olympus("", "run", planFile(writePlan("p4", "y")).toString()));
    assertFalse(printed.contains("Olympus asks to"), "a standing grant asks no more: " + printed);
    assertEquals(0, olympus("", "grants", "revoke", "fs.write"));
    assertEquals(0, olympus("", "grants", "list"));
    assertTrue(printed.contains("no standing grants"), printed);
  }

  @Test
  void aPlanNeedingAModelSaysInOneLineHowToStartOne() throws IOException {
    Path plan =
        planFile(
            Plan.builder("ask")
                .id("p5")
                .step("ask", s -> s.uses("llm.generate").with("prompt", "hi"))
                .build());
    assertEquals(2, olympus("", "run", plan.toString()));
    String hint = printed.lines().filter(l -> l.startsWith("No model")).findFirst().orElse("");
    assertTrue(hint.contains("`ollama serve`, then `ollama pull llama3.2`"), printed);
  }

  @Test
  void askAndChatSayInOneLineHowToStartAModel() {
    assertEquals(2, olympus("", "ask", "summarize the docs into notes.md"));
    assertTrue(printed.startsWith("No model is reachable at "), printed);
    assertTrue(printed.contains("`ollama serve`, then `ollama pull llama3.2`"), printed);
    assertEquals(1, printed.lines().count(), printed);
    assertEquals(2, olympus("hello\n", "chat"));
    assertTrue(printed.startsWith("No model is reachable at "), printed);
    assertEquals(1, printed.lines().count(), printed);
  }

  @Test
  void helpAndBadArgumentsCreateNoFolders() throws IOException {
    Path cwd = Path.of("").toAbsolutePath();
    List<String> before = listing(cwd);
    assertEquals(0, olympus("", "--help"));
    assertTrue(printed.contains("ask") && printed.contains("chat"), printed);
    assertEquals(0, olympus("", "ingest", "--help"));
    assertEquals(2, olympus("", "ask"));
    assertEquals(2, olympus("", "chat", "--session"));
    assertEquals(before, listing(cwd));
    assertFalse(Files.exists(home.resolve("workspace")), "no command ran");
  }

  private static List<String> listing(Path folder) throws IOException {
    try (var files = Files.list(folder)) {
      return files.map(Path::toString).sorted().toList();
    }
  }

  @Test
  void consentPromptsStripEscapesAndControlCharactersFromModelText() throws IOException {
    String spoof = "\u001b[2K\u001b[1A\rAllowed already, press o\u0007\u202e";
    Plan plan =
        Plan.builder("notes " + spoof)
            .id("p6")
            .step("write", s -> s.uses("fs.write").with("path", "n.md").with("content", spoof))
            .build();
    assertEquals(1, olympus("d\nn\n", "run", planFile(plan).toString()));
    assertFalse(printed.contains("\u001b"), printed);
    assertFalse(printed.contains("\r"), printed);
    assertFalse(printed.contains("\u0007"), printed);
    assertFalse(printed.contains("\u202e"), printed);
    assertTrue(
        printed.contains("plan p6: notes \\u000DAllowed already, press o\\u0007\\u202E"), printed);
  }

  @Test
  void terminalCleanRemovesAnsiAndShowsControls() {
    assertEquals("red", Terminal.clean("\u001b[31mred\u001b[0m"));
    assertEquals("title", Terminal.clean("\u001b]0;evil\u0007title"));
    assertEquals("a\\nb\\u0009c\\u202Ed", Terminal.clean("a\nb\tc\u202ed"));
    assertEquals("x\\u0085y", Terminal.clean("x\u0085y"));
  }

  @Test
  void escapesSplitAcrossStreamedTokensAreHeldUntilComplete() {
    assertEquals(2, Terminal.openEscape("ab\u001b]0;pw"));
    assertEquals(1, Terminal.openEscape("a\u001b"));
    assertEquals(0, Terminal.openEscape("\u001b[2"));
    assertEquals(-1, Terminal.openEscape("a\u001b[2Kb"));
    assertEquals(-1, Terminal.openEscape("a\u001b]0;t\u0007b"));
    assertEquals(-1, Terminal.openEscape("plain text"));
    assertEquals("a\n  b\\u0007\n  ", Terminal.cleanLines("a\nb\u0007\n", "  "));
  }

  @Test
  void anErrorIsOneCleanedLineAndItsStackTraceOnlyUnderVerbose() throws IOException {
    String id = "\u001b]0;pwned\u0007x";
    Path plan =
        Files.writeString(
            home.resolve("evil.json"),
            "{\"schemaVersion\":1,\"id\":\""
                + id.replace("\u001b", "\\u001b").replace("\u0007", "\\u0007")
                + "\",\"title\":\"t\",\"steps\":[{\"name\":\"a\",\"uses\":\"fs.read\"}]}");
    assertEquals(1, olympus("", "run", plan.toString()));
    assertNoRawControls();
    assertTrue(
        printed.startsWith("error: " + plan + " is not a valid plan: $.id: id 'x'"), printed);
    assertFalse(printed.contains("\tat ") || printed.contains("at dev.olympus"), printed);
    assertEquals(1, printed.lines().count(), printed);

    assertEquals(1, olympus("", "--verbose", "run", plan.toString()));
    assertNoRawControls();
    assertTrue(
        printed.matches("(?s).*\n    at (dev.olympus.plan@[^/]+/)?dev.olympus.plan\\..*"), printed);
    assertEquals(1, olympus("", "run", "--verbose", plan.toString()));
    assertTrue(
        printed.matches("(?s).*\n    at (dev.olympus.plan@[^/]+/)?dev.olympus.plan\\..*"), printed);
  }

  @Test
  void badArgumentsAndUnknownIdsArePrintedCleaned() {
    String evil = "\u001b]0;pwned\u0007\u202e";
    assertEquals(2, olympus("", evil));
    assertNoRawControls();
    assertTrue(printed.contains("\\u202E"), printed);
    assertEquals(1, olympus("", "resume", evil));
    assertNoRawControls();
    assertEquals(1, olympus("", "grants", "revoke", evil));
    assertNoRawControls();
    assertTrue(printed.startsWith("no grant for \\u202E"), printed);
  }

  private void assertNoRawControls() {
    for (String raw : List.of("\u001b", "\u0007", "\u202e", "\t")) {
      assertFalse(printed.contains(raw), () -> "raw control in: " + printed);
    }
  }

  @Test
  void aKeyFileSignsTheChainAndVerifyChecksItsHead() throws IOException {
    Path key = Files.writeString(home.resolve("key"), "0123456789abcdef0123456789abcdef\n");
    Path other = Files.writeString(home.resolve("other"), "fedcba9876543210fedcba9876543210");
    Path plan = planFile(writePlan("k1", "signed"));
    assertEquals(0, olympus("o\n", "--key-file", key.toString(), "run", plan.toString()));
    assertEquals(0, olympus("", "--key-file", key.toString(), "verify"), () -> printed);
    assertTrue(printed.startsWith("audit log: Intact"), printed);
    assertTrue(printed.contains("head signature checked with the HMAC key"), printed);

    assertEquals(1, olympus("", "--key-file", other.toString(), "verify"), () -> printed);
    assertFalse(printed.contains("Intact"), printed);

    assertEquals(0, olympus("", "verify"), () -> printed);
    assertTrue(printed.contains("no HMAC key: a truncated or rewritten chain goes unnoticed"));
  }

  @Test
  void aKeyTooShortIsRefusedWithAClearMessage() throws IOException {
    Path key = Files.writeString(home.resolve("short"), "tooshort\n");
    assertEquals(1, olympus("", "--key-file", key.toString(), "verify"));
    assertTrue(printed.contains("holds 8 bytes; an HMAC key needs 16 to 4096"), printed);
    assertEquals(16, HmacKeys.fromText("0123456789abcdef\n").length);
    Path crlf = Files.writeString(home.resolve("k"), "0123456789abcdef\r\n");
    assertEquals(16, HmacKeys.fromFile(crlf).length);
  }

  @Test
  void aPlanFileTooLargeIsRefusedBeforeItIsRead() throws IOException {
    Path huge = home.resolve("huge.json");
    try (var file = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
      file.setLength(RunCommand.MAX_PLAN_BYTES + 1); // sparse: no disk or heap spent
    }
    assertEquals(2, olympus("", "run", huge.toString()));
    assertTrue(printed.contains("bytes; a plan file may have at most 33554432"), printed);
  }
}
