package dev.olympus.executor.internal.chat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.executor.ChatOptions;
import dev.olympus.executor.ChatToolCall;
import dev.olympus.executor.ChatToolCall.Outcome;
import dev.olympus.memory.Citation;
import java.util.List;

/** How tool outcomes and retrieved passages are put to the model and into the log. */
final class ChatResults {
  private ChatResults() {}

  /** The content of the tool message that tells the model what became of a call. */
  static String forModel(Outcome outcome, ChatOptions options) {
    if (outcome instanceof Outcome.Succeeded done) {
      return cut(done.result().toString(), options.maxToolResultChars());
    }
    ObjectNode out = ChatLog.object();
    if (outcome instanceof Outcome.Failed failed) {
      out.put("error", failed.error());
    } else if (outcome instanceof Outcome.Denied denied) {
      out.put("error", "consent denied")
          .put(
              "message",
              "The user refused to let this tool call run ("
                  + denied.reason()
                  + "). Do not try it again unless the user asks; answer without it.");
    } else if (outcome instanceof Outcome.NotRun notRun) {
      out.put("error", "not run").put("message", "This call was not run: " + notRun.reason());
    }
    return cut(out.toString(), options.maxToolResultChars());
  }

  /** The data of a {@code chat.tool} event. */
  static ObjectNode describe(ChatToolCall call) {
    ObjectNode data = ChatLog.object().put("round", call.round()).put("callId", call.call().id());
    data.put("tool", call.call().toolId()).set("arguments", call.call().input());
    Outcome outcome = call.outcome();
    if (outcome instanceof Outcome.Succeeded done) {
      data.put("status", "SUCCEEDED").set("result", done.result());
    } else if (outcome instanceof Outcome.Failed failed) {
      data.put("status", "FAILED").put("detail", failed.error());
    } else if (outcome instanceof Outcome.Denied denied) {
      data.put("status", "DENIED").put("detail", denied.reason());
    } else if (outcome instanceof Outcome.NotRun notRun) {
      data.put("status", "NOT_RUN").put("detail", notRun.reason());
    }
    return data;
  }

  /** The data of a {@code chat.retrieval} event. */
  static ObjectNode citations(List<Citation> citations) {
    ObjectNode data = ChatLog.object();
    ArrayNode list = data.putArray("citations");
    for (Citation c : citations) {
      list.addObject()
          .put("sourceId", c.sourceId())
          .put("chunkIndex", c.chunkIndex())
          .put("start", c.start())
          .put("end", c.end());
    }
    return data;
  }

  /** The system message that hands retrieved passages to the model. */
  static String passages(List<Citation> citations) {
    StringBuilder text =
        new StringBuilder(
            "Passages from the user's documents that may help. Cite the ones you use as [n].\n");
    for (int i = 0; i < citations.size(); i++) {
      Citation c = citations.get(i);
      text.append('[').append(i + 1).append("] ").append(c.sourceId());
      text.append(" (chunk ").append(c.chunkIndex()).append("): ").append(c.snippet()).append('\n');
    }
    return text.toString();
  }

  private static String cut(String text, int max) {
    return text.length() <= max
        ? text
        : text.substring(0, max) + " …[cut: " + (text.length() - max) + " more characters]";
  }
}
