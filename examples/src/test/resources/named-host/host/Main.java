package host;

import dev.olympus.executor.Olympus;
import dev.olympus.executor.PlanResult;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.Plan;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.DocumentTools;
import dev.olympus.tools.FileTools;
import dev.olympus.tools.ToolRegistry;
import java.nio.file.Path;

/** Reads a PDF in the workspace and writes its text beside it, through the public API only. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    Path workspace = Path.of(args[0]);
    Plan plan =
        Plan.builder("pdf to text")
            .step("read", s -> s.uses("doc.read").with("path", "report.pdf"))
            .step(
                "write",
                s ->
                    s.uses("fs.write")
                        .after("read")
                        .with("path", "report.txt")
                        .with("content", "${read.text}"))
            .build();
    ToolRegistry tools =
        ToolRegistry.builder()
            .add(DocumentTools.sandboxedAt(workspace))
            .add(FileTools.sandboxedAt(workspace))
            .build();
    try (MemoryStore memory = SqliteMemoryStore.open(workspace.resolve("olympus.db"));
        Olympus olympus =
            Olympus.builder()
                .memory(memory)
                .tools(tools)
                .consent(request -> ConsentDecision.allowOnce())
                .build()) {
      PlanResult result = olympus.executor().submit(plan).await();
      System.out.println("module " + Main.class.getModule().getName() + ": " + result.state());
    }
  }
}
