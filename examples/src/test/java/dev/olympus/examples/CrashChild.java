package dev.olympus.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.executor.Olympus;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.ToolCall;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolContext;
import dev.olympus.tools.ToolSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process the crash test kills: {@code main(home, hangAt)} runs {@link ResumeAfterCrash}'s plan
 * in {@code home}; the tool of step {@code hangAt} ("send" or "summarize") does its work, writes
 * {@code home/reached} and hangs until SIGKILL.
 */
public final class CrashChild {
  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    Path home = Path.of(args[0]);
    String hangAt = args[1];
    Path workspace = Files.createDirectories(home.resolve("workspace"));
    Tool send = ResumeAfterCrash.ledger(workspace, "ledger.append");
    Tool summarize = ResumeAfterCrash.summarizer();
    MemoryStore memory = SqliteMemoryStore.open(home.resolve("olympus.db"));
    Olympus olympus =
        ResumeAfterCrash.open(
            memory,
            workspace,
            hangAt.equals("send") ? hangingAfter(send, home) : send,
            hangAt.equals("summarize") ? hangingAfter(summarize, home) : summarize);
    olympus.executor().submit(ResumeAfterCrash.plan()).await();
    System.exit(3); // the test kills us before the plan ends
  }

  private static Tool hangingAfter(Tool tool, Path home) {
    return new Tool() {
      @Override
      public String id() {
        return tool.id();
      }

      @Override
      public ToolSpec spec() {
        return tool.spec();
      }

      @Override
      public JsonNode invoke(ToolCall call, ToolContext context) {
        JsonNode out = tool.invoke(call, context);
        try {
          Files.writeString(home.resolve("reached"), context.stepId());
          Thread.sleep(Long.MAX_VALUE);
        } catch (IOException | InterruptedException e) {
          throw new IllegalStateException(e);
        }
        return out;
      }
    };
  }
}
