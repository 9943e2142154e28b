package dev.olympus.examples;

import dev.olympus.executor.Olympus;
import dev.olympus.executor.PlanResult;
import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.spi.LlmProvider;
import dev.olympus.memory.MemoryStore;
import dev.olympus.plan.Plan;
import dev.olympus.tools.ConsentProvider;
import dev.olympus.tools.DesktopTools;
import dev.olympus.tools.DocumentTools;
import dev.olympus.tools.FileTools;
import dev.olympus.tools.ToolRegistry;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The original design's demo, end to end: read a PDF from the workspace, summarize it with the
 * model, write {@code notes.md} citing it, and open the source for the reader — each action behind
 * the host's consent ({@code desktop.open} is asked about every time, whatever was granted).
 *
 * <pre>{@code
 * PlanResult result = PdfNotesDemo.run(memory, workspace, "report.pdf", ollama, consent, opener);
 * }</pre>
 *
 * <p>A host without its own viewer passes {@code null} as the opener: the system's default
 * application opens the PDF (or the step fails with a typed "no desktop" error when headless).
 */
public final class PdfNotesDemo {
  private PdfNotesDemo() {}

  /** read (doc.read) → summarize (llm.generate) → write (fs.write) → open (desktop.open). */
  public static Plan plan(String pdf) {
    return Plan.builder("notes from " + pdf)
        .step("read", s -> s.uses("doc.read").with("path", pdf))
        .step(
            "summarize",
            s ->
                s.uses("llm.generate")
                    .after("read")
                    .with("prompt", "Summarize in three bullet points:\n${read.text}")
                    .guard(g -> g.retries(1).deadline(Duration.ofMinutes(2))))
        .step(
            "write",
            s ->
                s.uses("fs.write")
                    .after("summarize")
                    .with("path", "notes.md")
                    .with("content", "# Notes\n\n${summarize.text}\n\nSource: " + pdf + "\n"))
        .step("open", s -> s.uses("desktop.open").after("write").with("path", pdf))
        .build();
  }

  /**
   * Runs the demo on {@code pdf} in {@code workspace} and waits for it.
   *
   * @param opener how the source is opened, or null for the system's default application
   * @throws InterruptedException if interrupted while waiting
   */
  public static PlanResult run(
      MemoryStore memory,
      Path workspace,
      String pdf,
      LlmProvider model,
      ConsentProvider consent,
      DesktopTools.Opener opener)
      throws InterruptedException {
    DesktopTools.Builder open = DesktopTools.builder(workspace);
    if (opener != null) {
      open.opener(opener);
    }
    ToolRegistry tools =
        ToolRegistry.builder()
            .add(DocumentTools.sandboxedAt(workspace))
            .add(FileTools.sandboxedAt(workspace))
            .add(open.build())
            .build();
    try (Olympus olympus =
        Olympus.builder()
            .memory(memory)
            .llm(LlmRouter.builder().local(model).build())
            .tools(tools)
            .consent(consent)
            .build()) {
      return olympus.executor().submit(plan(pdf)).await();
    }
  }
}
