package dev.olympus.cli;

import dev.olympus.executor.ChatBudgetExceededException;
import dev.olympus.executor.ChatOptions;
import dev.olympus.executor.ChatSession;
import dev.olympus.llm.LlmException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code olympus chat [--session <id>]}: a conversation in which the model may use the sandboxed
 * file and document tools, each call asked for in the terminal. Reads one message per line; ends on
 * end of input or {@code /exit}. The conversation is stored, so {@code --session} continues it.
 */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    name = "chat",
    description = "Talk with the model; it may use tools with your consent.")
final class ChatCommand implements Callable<Integer> {
  private static final String SYSTEM =
      "You are Olympus, an assistant that works on the files of the user's workspace with the"
          + " tools offered. Paths are relative to the workspace. Say what you did.";

  @ParentCommand OlympusCli cli;

  @Option(names = "--session", description = "continue this conversation (default: a new one)")
  String sessionId;

  @Override
  public Integer call() throws Exception {
    if (sessionId != null && sessionId.isBlank()) {
      cli.out().println("usage: olympus chat [--session <id>]");
      return 2;
    }
    String id = sessionId == null ? "chat-" + UUID.randomUUID() : sessionId;
    ChatOptions options = ChatOptions.builder().systemPrompt(SYSTEM).build();
    return PlanSession.withModel(
        cli,
        "conversation",
        (olympus, grants, sandbox) -> {
          try (ChatSession chat = olympus.chat(id, options)) {
            greet(chat);
            converse(chat);
          }
          return 0;
        });
  }

  private void greet(ChatSession chat) {
    PrintWriter out = cli.out();
    String id = Terminal.clean(chat.id());
    int earlier = chat.history().size();
    out.println(
        "chat "
            + id
            + (earlier == 0 ? "" : " (" + earlier + " earlier messages)")
            + "; /exit or end of input leaves, `olympus chat --session "
            + id
            + "` continues");
  }

  private void converse(ChatSession chat) throws IOException {
    PrintWriter out = cli.out();
    while (true) {
      out.print("you> ");
      out.flush();
      String line = cli.in().readLine();
      if (line == null) {
        out.println();
        return;
      }
      String message = line.strip();
      if (message.equals("/exit")) {
        return;
      }
      if (!message.isEmpty()) {
        send(chat, message);
      }
    }
  }

  private void send(ChatSession chat, String message) {
    ChatPrinter printer = new ChatPrinter(cli.out());
    try {
      printer.finish(chat.stream(message, printer));
    } catch (ChatBudgetExceededException e) {
      printer.fail("budget: " + e.getMessage());
    } catch (LlmException e) {
      printer.fail("the model failed: " + e.getMessage());
    }
    cli.modelCalls().drain().forEach(line -> cli.out().println("  (model: " + line + ")"));
    cli.out().flush();
  }
}
