package dev.olympus.examples;

import dev.olympus.executor.ChatSession;
import dev.olympus.executor.Olympus;
import dev.olympus.executor.PlanResult;
import dev.olympus.executor.PlanRun;
import dev.olympus.executor.Reply;
import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.OllamaProvider;
import dev.olympus.mcp.McpConnection;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanState;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.ConsentProvider;
import dev.olympus.tools.ToolRegistry;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * An assistant whose file tools come from the MCP reference filesystem server: a plan writes and
 * reads a note with {@code fs.write_file} and {@code fs.read_text_file}, and a chat session lets
 * the model read it, each call behind a consent prompt. The first write is denied, which leaves the
 * step BLOCKED; the user then approves it.
 *
 * <p>{@code node} and {@code fsServer} name Node.js and the installed
 * {@code @modelcontextprotocol/server-filesystem} script ({@code npx -y
 * @modelcontextprotocol/server-filesystem <dir>} does both at once).
 */
public final class McpFilesystemAssistant {
  /**
   * What the example saw.
   *
   * @param plan the plan's end state
   * @param chat the chat's reply
   * @param note the note's text
   */
  public record Outcome(PlanState plan, Reply chat, String note) {}

  private McpFilesystemAssistant() {}

  /**
   * Runs the plan and one chat message; {@code user} answers the consent prompts (shown on {@code
   * out}), {@code ollama} is the model.
   */
  public static Outcome run(
      Path home, String node, Path fsServer, URI ollama, Predicate<String> user, PrintStream out)
      throws Exception {
    Path workspace = Files.createDirectories(home.resolve("workspace"));
    Path note = workspace.resolve("notes.md");
    ConsentProvider consent =
        request -> {
          boolean yes = user.test("Allow: " + request.summary() + " " + request.input() + "?");
          return yes ? ConsentDecision.allowOnce() : ConsentDecision.deny("the user said no");
        };
    try (McpConnection fs =
            McpConnection.stdio("fs", node, fsServer.toString(), workspace.toString()).connect();
        MemoryStore memory = SqliteMemoryStore.open(home.resolve("olympus.db"));
        Olympus olympus =
            Olympus.builder()
                .memory(memory)
                .llm(LlmRouter.builder().local(OllamaProvider.at(ollama, "llama3.2")).build())
                .tools(ToolRegistry.builder().add(fs.tools()).build())
                .consent(consent)
                .build()) {
      PlanResult plan = runPlan(olympus, note, out);
      try (ChatSession chat = olympus.chat("mcp-notes")) {
        Reply reply = chat.send("What does my note say?");
        out.println("chat: " + reply.text());
        return new Outcome(plan.state(), reply, Files.readString(note));
      }
    }
  }

  private static PlanResult runPlan(Olympus olympus, Path note, PrintStream out) throws Exception {
    Plan plan =
        Plan.builder("note over MCP")
            .step(
                "write",
                s ->
                    s.uses("fs.write_file")
                        .with("path", note.toString())
                        .with("content", "Buy milk"))
            .step(
                "read",
                s -> s.uses("fs.read_text_file").after("write").with("path", note.toString()))
            .build();
    PlanRun run = olympus.executor().submit(plan);
    PlanResult result = run.await();
    while (result.state() == PlanState.PAUSED && !result.blockedSteps().isEmpty()) {
      String step = result.blockedSteps().get(0);
      out.println("step " + step + " is blocked; the user approves it after all");
      run.approve(step);
      result = run.await();
    }
    out.println("plan " + result.state());
    return result;
  }
}
