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

/** What a new user hit with the command line (issue 17), each in the words they would see. */
class NewUserTest extends CliTestBase {
  private static final List<String> COMMANDS =
      List.of(
          "ingest", "search", "run", "plans", "resume", "events", "verify", "grants", "ask",
          "chat");

  @Test
  void versionPrintsTheVersion() {
    assertTrue(Version.number().matches("\\d+\\.\\d+\\.\\d+.*"), Version.number());
    for (String[] args : List.of(new String[] {"-V"}, new String[] {"ask", "--version"})) {
      assertEquals(0, cli.runAsGiven("", args));
      assertTrue(cli.printed().startsWith("olympus " + Version.number() + "\n"), cli.printed());
    }
  }

  @Test
  void everyCommandHasHelp() {
    for (String command : COMMANDS) {
      assertEquals(0, cli.runAsGiven("", command, "--help"), command);
      assertTrue(cli.printed().startsWith("Usage: olympus " + command), cli.printed());
      assertFalse(cli.printed().contains("Unknown option"), cli.printed());
    }
  }

  @Test
  void aMissingFolderOrPlanFileIsOneClearLineAndTheTraceOnlyUnderVerbose() {
    Path nowhere = home.resolve("nowhere");
    assertEquals(1, olympus("", "ingest", nowhere.toString()));
    assertEquals("error: no such folder: " + nowhere + "\n", printed);
    assertEquals(1, olympus("", "run", nowhere.toString()));
    assertEquals("error: no plan file: " + nowhere + "\n", printed);
    assertEquals(1, olympus("", "--verbose", "run", nowhere.toString()));
    assertTrue(printed.startsWith("error: no plan file: " + nowhere + "\n"), printed);
    assertTrue(
        printed.matches(
            "(?s).*\n    at (dev.olympus.cli@[^/]+/)?dev.olympus.cli.RunCommand.call.*"),
        printed);
  }

  @Test
  void aPlanFileThatIsNotAPlanIsOneClearLine() throws IOException {
    Path bad = Files.writeString(home.resolve("bad.json"), "{bad");
    assertEquals(1, olympus("", "run", bad.toString()));
    assertTrue(printed.startsWith("error: " + bad + " is not a valid plan: $: malformed JSON"));
    assertEquals(1, printed.lines().count(), printed);
    Path latin1 = Files.write(home.resolve("latin1.json"), new byte[] {'{', (byte) 0xE9, '}'});
    assertEquals(1, olympus("", "run", latin1.toString()));
    assertEquals("error: " + latin1 + " is not a plan: it is not UTF-8 text\n", printed);
  }

  @Test
  void aBadServerAddressIsOneLineSayingWhatAGoodOneLooksLike() {
    for (String url : List.of("localhost:11434", "ftp://x", "http://[bad", "http:///path")) {
      assertEquals(2, cli.runAsGiven("", "--ollama-url", url, "ask", "hi"), url);
      assertEquals(
          "error: Invalid value for option '--ollama-url': '"
              + url
              + "' is not an http or https address such as http://127.0.0.1:11434"
              + " (see `olympus --help`)\n",
          cli.printed());
    }
  }

  @Test
  void runRefusesAPlanNamingAToolThatDoesNotExistBeforeAnythingRuns() throws IOException {
    Plan plan =
        Plan.builder("write then shell")
            .id("u1")
            .step("write", s -> s.uses("fs.write").with("path", "n.md").with("content", "x"))
            .step("shell", s -> s.uses("shell.exec").after("write").with("cmd", "ls"))
            .build();
    assertEquals(2, olympus("o\n", "run", planFile(plan).toString()));
    assertTrue(printed.contains("plan u1 not run: no such tool (step shell uses shell.exec)"));
    assertTrue(printed.contains("the tools are fs.read, fs.list, fs.write"), printed);
    assertFalse(printed.contains("Olympus asks to"), printed);
    assertFalse(Files.exists(cli.workspace().resolve("n.md")));
    assertEquals(0, olympus("", "plans"));
    assertTrue(printed.startsWith("no plans yet"), printed);
  }

  @Test
  void theReportSaysAReadOnlyStepReadItsFile() throws IOException {
    Files.createDirectories(cli.workspace());
    Files.writeString(cli.workspace().resolve("in.md"), "hello");
    Plan plan =
        Plan.builder("copy")
            .id("u2")
            .step("load", s -> s.uses("fs.read").with("path", "in.md"))
            .step(
                "save",
                s ->
                    s.uses("fs.write")
                        .after("load")
                        .with("path", "out.md")
                        .with("content", "${load.content}"))
            .build();
    assertEquals(0, olympus("p\np\n", "run", planFile(plan).toString()), () -> printed);
    assertTrue(printed.contains("  load: read " + cli.workspace().resolve("in.md")), printed);
    assertTrue(printed.contains("  save: wrote " + cli.workspace().resolve("out.md")), printed);
    assertFalse(printed.contains("load: wrote"), printed);
  }

  @Test
  void noMatchSaysWhetherDocumentsAreIngested() throws IOException {
    assertEquals(1, olympus("", "search", "zebra"));
    assertEquals(
        "no match for \"zebra\"; no documents are ingested yet: `olympus ingest <folder>`\n",
        printed);
    Path docs = Files.createDirectories(home.resolve("docs"));
    Files.writeString(docs.resolve("a.md"), "Revenue grew.");
    assertEquals(0, olympus("", "ingest", docs.toString()));
    assertEquals(1, olympus("", "search", "zebra"));
    assertEquals("no match for \"zebra\" in the ingested documents; try other words\n", printed);
  }

  @Test
  void aDenialIsSaidOnceAndNotQuestionedAgainUntilResume() throws IOException {
    Path plan = planFile(writePlan("u3", "n.md", "x"));
    assertEquals(1, olympus("d\n", "run", plan.toString()), () -> printed);
    assertFalse(printed.contains("Approve it now?"), printed);
    assertFalse(printed.contains("consent denied"), printed);
    assertEquals(1, count(printed, "denied"), printed);
    assertTrue(printed.contains("  write: BLOCKED: denied in the terminal\n"));
    assertTrue(printed.endsWith("continue later with `olympus resume u3`\n"), printed);

    assertEquals(0, olympus("y\n", "resume", "u3"), () -> printed);
    assertTrue(printed.contains("step write is BLOCKED ("), printed);
    assertTrue(printed.contains("Approve it now? [y/N]"), printed);
    assertEquals("x", Files.readString(cli.workspace().resolve("n.md")));
  }

  private static int count(String text, String word) {
    return text.split(word, -1).length - 1;
  }
}
