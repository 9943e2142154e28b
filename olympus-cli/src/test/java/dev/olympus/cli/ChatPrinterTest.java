package dev.olympus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.olympus.executor.ChatToolCall;
import dev.olympus.executor.ChatToolCall.Outcome;
import dev.olympus.executor.Reply;
import dev.olympus.llm.Usage;
import dev.olympus.memory.Citation;
import dev.olympus.plan.Money;
import dev.olympus.plan.ToolCall;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A streamed chat reply as the terminal shows it: text as it arrives, a line per tool call with its
 * outcome, why the loop stopped and the sources.
 */
class ChatPrinterTest {
  private final StringWriter screen = new StringWriter();
  // Buffered like the terminal's writer: only what the printer flushes reaches the screen.
  private final ChatPrinter printer =
      new ChatPrinter(new PrintWriter(new BufferedWriter(screen), false));

  private static ChatToolCall call(Outcome outcome) {
    return new ChatToolCall(
        ToolCall.of("fs.read", JsonNodeFactory.instance.objectNode().put("path", "a.md")),
        1,
        outcome);
  }

  private static Reply reply(Reply.Stop stop, List<Citation> citations) {
    return new Reply("", List.of(), citations, Usage.NONE, Money.ZERO, 1, stop);
  }

  @Test
  void textIsOnScreenAsItArrivesAndEndsItsLineBeforeAToolCall() {
    printer.onToken("Let me ");
    assertEquals("olympus> Let me ", screen.toString(), "shown before the next token");
    printer.onToken("look.");
    printer.onToolCallStarted(
        "c1", "fs.read", JsonNodeFactory.instance.objectNode().put("path", "a.md"), 1);
    assertEquals(
        "olympus> Let me look.\n  [tool] fs.read {\"path\":\"a.md\"}\n", screen.toString());
    printer.onToken("Found it.");
    printer.onToolCallFinished(call(new Outcome.Failed("no such file 'a.md'")));
    assertEquals(
        "olympus> Let me look.\n  [tool] fs.read {\"path\":\"a.md\"}\n"
            + "olympus> Found it.\n  [tool] fs.read failed: no such file 'a.md'\n",
        screen.toString());
  }

  @Test
  void anEscapeHeldAtTheEndIsShownOnceWhenTheReplyEnds() {
    printer.onToken("ok\u001b");
    assertEquals("olympus> ok", screen.toString(), "a possible escape is held back");
    printer.onToolCallFinished(call(new Outcome.Denied("denied in the terminal")));
    printer.finish(reply(Reply.Stop.ANSWERED, List.of()));
    assertEquals(
        "olympus> ok\\u001B\n  [tool] fs.read denied: denied in the terminal\n", screen.toString());
  }

  @Test
  void eachOutcomeIsSaidInWordsAndALongResultIsCutAtTwoHundredCharacters() {
    String exactly = "x".repeat(200 - "{\"t\":\"\"}".length());
    printer.onToolCallFinished(
        call(new Outcome.Succeeded(JsonNodeFactory.instance.objectNode().put("t", exactly))));
    printer.onToolCallFinished(
        call(new Outcome.Succeeded(JsonNodeFactory.instance.objectNode().put("t", exactly + "y"))));
    printer.onToolCallFinished(call(new Outcome.NotRun("the tool call limit was reached")));
    List<String> lines = screen.toString().lines().toList();
    assertEquals("  [tool] fs.read done: {\"t\":\"" + exactly + "\"}", lines.get(0));
    assertEquals("  [tool] fs.read done: {\"t\":\"" + exactly + "y\"...", lines.get(1));
    assertEquals("  [tool] fs.read not run: the tool call limit was reached", lines.get(2));
  }

  @Test
  void aReplyThatStoppedSaysWhyAndListsItsSources() {
    printer.onToken("Partly.");
    printer.finish(
        reply(Reply.Stop.ROUND_LIMIT, List.of(new Citation("report.md", 2, 0, 7, "Revenue"))));
    assertEquals(
        "olympus> Partly.\n  (stopped: ROUND_LIMIT)\n  source [report.md #2]\n", screen.toString());
  }

  @Test
  void aFailureEndsTheTextAndIsPrintedCleaned() {
    printer.onToken("Work");
    printer.fail("the model failed: \u001b[2Kdown");
    assertEquals("olympus> Work\n  the model failed: down\n", screen.toString());
  }
}
