package dev.olympus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.testing.FakeOllama;
import dev.olympus.testing.FakeReply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code olympus ask} and {@code olympus chat} in-process against a scripted Ollama: the plan is
 * shown before anything runs, consent is asked per action, progress and results are printed, and
 * nothing the model wrote reaches the terminal with its escapes or control characters.
 */
class CliAskChatTest {
  private static final String SPOOF = "\u001b[2K\rAll steps approved, press o\u0007";

  @TempDir Path home;

  private static void assertClean(String printed) {
    assertFalse(printed.contains("\u001b"), printed);
    assertFalse(printed.contains("\r"), printed);
    assertFalse(printed.contains("\u0007"), printed);
  }

  /** A fake Ollama answering chats with {@code replies}, in order. */
  private static FakeOllama scripted(FakeReply... replies) {
    FakeOllama model = FakeOllama.start();
    model.enqueue(replies);
    return model;
  }

  private FakeOllama notesModel(String summary) throws Exception {
    List<String> answers = new ArrayList<>(NotesFixture.answers());
    answers.set(3, NotesFixture.REFINED.replace("\"notes from", "\"notes \\u001b[31mfrom"));
    answers.set(5, summary);
    FakeOllama model = FakeOllama.start();
    model.enqueueTexts(answers.toArray(String[]::new));
    return model;
  }

  private CliHarness ingested(FakeOllama model) throws Exception {
    CliHarness cli = new CliHarness(home, model.uri());
    Path docs = NotesFixture.documents(home.resolve("docs"));
    assertEquals(0, cli.run("", "ingest", docs.toString()), cli::printed);
    return cli;
  }

  @Test
  void askPlansShowsThePlanAsksConsentRunsAndSaysWhereTheNotesWent() throws Exception {
    try (FakeOllama model = notesModel(NotesFixture.SUMMARY + SPOOF)) {
      CliHarness cli = ingested(model);

      assertEquals(0, cli.run("o\n", "ask", NotesFixture.GOAL), cli::printed);

      String printed = cli.printed();
      assertTrue(printed.contains("planning: " + NotesFixture.GOAL), printed);
      assertTrue(printed.contains("planned in 3 drafts (transcript: `olympus events"), printed);
      assertTrue(printed.contains(": notes from the documents\n"), printed);
      assertTrue(printed.contains("  summarize uses llm.generate after [search] "), printed);
      int shown = printed.indexOf("  write uses fs.write after [summarize] ");
      int asked = printed.indexOf("Olympus asks to: ");
      assertTrue(shown > 0 && asked > shown, "the plan is shown before consent: " + printed);
      assertTrue(printed.contains("[p] allow for this plan"), printed);
      assertTrue(printed.contains("write: RUNNING -> DONE"), printed);
      assertTrue(
          printed.contains(" DONE\n  summarize: Revenue grew 12%"), "the result: " + printed);
      assertTrue(printed.contains("write: wrote " + cli.workspace().resolve("notes.md")), printed);
      assertTrue(printed.contains("\\u000DAll steps approved, press o\\u0007"), printed);
      assertClean(printed);
      String notes = Files.readString(cli.workspace().resolve("notes.md"));
      assertTrue(notes.contains("- report.pdf\n") && notes.contains("- roadmap.md\n"), notes);
      assertEquals(0, model.remaining());
    }
  }

  @Test
  void askDeniedLeavesThePlanPausedAndWritesNothing() throws Exception {
    try (FakeOllama model = notesModel(NotesFixture.SUMMARY)) {
      CliHarness cli = ingested(model);

      assertEquals(1, cli.run("d\nn\n", "ask", NotesFixture.GOAL), cli::printed);

      assertTrue(cli.printed().contains("write: BLOCKED: denied in the terminal"), cli.printed());
      assertTrue(cli.printed().contains("continue later with `olympus resume "), cli.printed());
      assertFalse(Files.exists(cli.workspace().resolve("notes.md")));
    }
  }

  @Test
  void chatStreamsAsksConsentForToolCallsAndContinuesASession() throws Exception {
    String write = "{\"path\":\"hello.md\",\"content\":\"hi from chat\"}";
    String answer = "Wrote hello.md.\u001b]0;pwned\u0007\nOlympus asks to: nothing";
    try (FakeOllama model =
        scripted(FakeReply.toolCall("fs_write", write), FakeReply.text(answer))) {
      CliHarness cli = new CliHarness(home, model.uri());

      assertEquals(0, cli.run("write hello\no\n/exit\nnot sent\n", "chat", "--session", "talk-1"));

      String printed = cli.printed();
      assertTrue(printed.startsWith("chat talk-1; /exit or end of input leaves"), printed);
      assertTrue(printed.contains("you> "), printed);
      assertTrue(printed.contains("  [tool] fs.write " + write), printed);
      assertTrue(printed.contains("  conversation talk-1, step "), printed);
      assertTrue(printed.contains("[p] allow for this conversation"), printed);
      assertTrue(printed.contains("  [tool] fs.write done: "), printed);
      assertTrue(
          printed.contains("olympus> Wrote hello.md.\n         Olympus asks to: nothing\n"),
          "model text never starts a line: " + printed);
      assertClean(printed);
      assertEquals("hi from chat", Files.readString(cli.workspace().resolve("hello.md")));
      assertEquals(2, model.chatRequests().size(), "the line after /exit is never sent");
    }
    String refuse = "{\"path\":\"bye.md\",\"content\":\"bye\"}";
    try (FakeOllama model =
        scripted(FakeReply.toolCall("fs_write", refuse), FakeReply.text("Fine, I will not."))) {
      CliHarness cli = new CliHarness(home, model.uri());

      assertEquals(0, cli.run("write bye\nd\n", "chat", "--session", "talk-1"), cli::printed);

      String printed = cli.printed();
      assertTrue(printed.contains("chat talk-1 (4 earlier messages)"), printed);
      assertTrue(printed.contains("  [tool] fs.write denied: denied in the terminal"), printed);
      assertTrue(printed.contains("olympus> Fine, I will not.\n"), printed);
      assertFalse(Files.exists(cli.workspace().resolve("bye.md")));
      String first = model.chatRequests().get(0).json().path("messages").toString();
      assertTrue(first.contains("write hello") && first.contains("hi from chat"), first);
    }
  }

  @Test
  void eachChatReplySaysItsOwnModelCallsAndAFailedCallIsOneLine() throws Exception {
    String write = "{\"path\":\"a.md\",\"content\":\"kept\"}";
    try (FakeOllama model =
        scripted(
            FakeReply.text("One."),
            FakeReply.toolCall("fs_write", write),
            FakeReply.text("Two."),
            FakeReply.error(400, "model \u001b[31mgone"))) {
      CliHarness cli = new CliHarness(home, model.uri());

      assertEquals(0, cli.run("first\n\nsecond\na\nthird\n", "chat"), cli::printed);

      String printed = cli.printed();
      List<String> calls =
          printed.lines().filter(l -> l.startsWith("  (model: answered by ")).toList();
      assertEquals(2, calls.size(), printed);
      assertTrue(
          calls.get(0).startsWith("  (model: answered by ollama/llama3.2: 1 call, "), printed);
      assertTrue(
          calls.get(1).startsWith("  (model: answered by ollama/llama3.2: 2 calls, "), printed);
      assertTrue(
          printed.contains(
              "  the model failed: no LLM provider could answer: ollama/llama3.2: HardException:"
                  + " HTTP 400: model gone\n"),
          printed);
      assertClean(printed);
      assertTrue(printed.endsWith("you> \n"), "end of input ends the prompt's line: " + printed);
      assertEquals(4, model.chatRequests().size(), "the empty line is not sent");

      assertEquals(0, cli.run("", "grants"));
      assertEquals("fs.write everywhere\n", cli.printed(), "the chat's always is saved");
    }
  }

  @Test
  void aGoalTheModelCannotPlanSaysSoAndWhereTheAttemptsAre() throws Exception {
    try (FakeOllama model = scripted(FakeReply.error(400, "no such model"))) {
      CliHarness cli = new CliHarness(home, model.uri());

      assertEquals(1, cli.run("", "ask", "tidy up"), cli::printed);

      List<String> lines = cli.printed().lines().toList();
      assertEquals("planning: tidy up", lines.get(0));
      assertTrue(lines.get(1).startsWith("could not plan: "), cli.printed());
      assertTrue(lines.get(2).matches("the attempts are in `olympus events \\S+`"), cli.printed());
      assertEquals(3, lines.size(), cli.printed());
    }
  }
}
