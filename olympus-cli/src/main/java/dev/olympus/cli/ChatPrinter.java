package dev.olympus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.executor.ChatListener;
import dev.olympus.executor.ChatToolCall;
import dev.olympus.executor.ChatToolCall.Outcome;
import dev.olympus.executor.Reply;
import dev.olympus.memory.Citation;
import java.io.PrintWriter;

/**
 * Prints one streamed chat reply: the model's text as it arrives, after {@code olympus> } and with
 * every line indented, and a line per tool call as it starts and ends. Everything the model wrote
 * goes through {@link Terminal}. Not thread-safe; the chat session calls it one call at a time.
 */
final class ChatPrinter implements ChatListener {
  private static final String PROMPT = "olympus> ";
  private static final String INDENT = " ".repeat(PROMPT.length());

  private final PrintWriter out;
  private final StringBuilder held = new StringBuilder();
  private boolean inText;

  ChatPrinter(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void onToken(String text) {
    held.append(text);
    int open = Terminal.openEscape(held.toString());
    String ready = held.substring(0, open < 0 ? held.length() : open);
    held.delete(0, ready.length());
    print(ready);
  }

  // An escape sequence split across tokens is held until it is complete, then removed whole.
  private void print(String text) {
    if (text.isEmpty()) {
      return;
    }
    if (!inText) {
      out.print(PROMPT);
      inText = true;
    }
    out.print(Terminal.cleanLines(text, INDENT));
    out.flush();
  }

  @Override
  public void onToolCallStarted(String callId, String toolId, JsonNode arguments, int round) {
    endText();
    out.println("  [tool] " + Terminal.clean(toolId) + " " + Terminal.clean(arguments.toString()));
    out.flush();
  }

  @Override
  public void onToolCallFinished(ChatToolCall call) {
    endText();
    out.println("  [tool] " + Terminal.clean(call.call().toolId()) + " " + outcome(call.outcome()));
    out.flush();
  }

  /** Ends the reply: says why the loop stopped if the model did not answer, and the sources. */
  void finish(Reply reply) {
    endText();
    if (reply.stop() != Reply.Stop.ANSWERED) {
      out.println("  (stopped: " + reply.stop() + ")");
    }
    for (Citation c : reply.citations()) {
      out.println("  source [" + Terminal.clean(c.sourceId()) + " #" + c.chunkIndex() + "]");
    }
    out.flush();
  }

  /** Ends the reply after {@code problem}, which is printed cleaned. */
  void fail(String problem) {
    endText();
    out.println("  " + Terminal.clean(problem));
    out.flush();
  }

  private void endText() {
    print(held.toString());
    held.setLength(0);
    if (inText) {
      out.println();
      inText = false;
    }
  }

  private static String outcome(Outcome outcome) {
    if (outcome instanceof Outcome.Succeeded s) {
      return "done: " + Terminal.clean(abbreviate(s.result().toString()));
    } else if (outcome instanceof Outcome.Failed f) {
      return "failed: " + Terminal.clean(f.error());
    } else if (outcome instanceof Outcome.Denied d) {
      return "denied: " + Terminal.clean(d.reason());
    }
    return "not run: " + Terminal.clean(((Outcome.NotRun) outcome).reason());
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}
