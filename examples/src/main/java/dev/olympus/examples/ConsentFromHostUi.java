package dev.olympus.examples;

import dev.olympus.executor.Olympus;
import dev.olympus.executor.PlanResult;
import dev.olympus.executor.PlanRun;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanState;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.ConsentProvider;
import dev.olympus.tools.ConsentRequest;
import dev.olympus.tools.FileTools;
import dev.olympus.tools.ToolRegistry;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * Consent from the host's own UI: the {@link ConsentProvider} is a lambda that shows the request's
 * one-line summary in a dialog and maps the button pressed to a decision. A denied step is BLOCKED,
 * not failed; the plan pauses, and the host can later {@code approve} or {@code reject} it.
 *
 * <p>Run: {@code mvn -pl examples exec:java
 * -Dexec.mainClass=dev.olympus.examples.ConsentFromHostUi} (no model needed; the "dialog" answers
 * from a script).
 */
public final class ConsentFromHostUi {
  private ConsentFromHostUi() {}

  /** The host's dialog: asks a question, returns the button pressed. */
  @FunctionalInterface
  public interface Dialog {
    /** Shows {@code question} with {@code buttons}; returns the one pressed. */
    String ask(String question, List<String> buttons);
  }

  /** The buttons, in the order shown. */
  public static final List<String> BUTTONS = List.of("Allow once", "Allow for this plan", "Deny");

  /** Adapts a dialog to a consent provider. */
  public static ConsentProvider consentFrom(Dialog dialog) {
    return request ->
        switch (dialog.ask(question(request), BUTTONS)) {
          case "Allow once" -> ConsentDecision.allowOnce();
          case "Allow for this plan" -> ConsentDecision.allowForPlan();
          default -> ConsentDecision.deny("the user pressed Deny");
        };
  }

  static String question(ConsentRequest request) {
    return "Olympus wants to "
        + request.summary()
        + " ("
        + request.toolId()
        + ", scopes "
        + request.scopes()
        + "). Allow?";
  }

  /** Runs with a scripted dialog that denies the first write and then approves it afterwards. */
  public static void main(String[] args) throws Exception {
    Iterator<String> presses = List.of("Deny", "Allow once").iterator();
    run(
        Files.createTempDirectory("olympus-consent"),
        (question, buttons) -> {
          String press = presses.hasNext() ? presses.next() : "Deny";
          System.out.println("dialog: " + question + " -> " + press);
          return press;
        },
        System.out);
  }

  /**
   * Runs a two-write plan whose consent comes from {@code dialog}; if a step ends BLOCKED, asks the
   * dialog again and approves or rejects it.
   */
  public static PlanResult run(Path home, Dialog dialog, PrintStream out) throws Exception {
    Path workspace = Files.createDirectories(home.resolve("workspace"));
    Plan plan =
        Plan.builder("greetings")
            .step("hello", s -> s.uses("fs.write").with("path", "hello.txt").with("content", "hi"))
            .build();
    try (MemoryStore memory = SqliteMemoryStore.open(home.resolve("olympus.db"));
        Olympus olympus =
            Olympus.builder()
                .memory(memory)
                .tools(ToolRegistry.builder().add(FileTools.sandboxedAt(workspace)).build())
                .consent(consentFrom(dialog))
                .build()) {
      PlanRun run = olympus.executor().submit(plan);
      PlanResult result = run.await();
      while (result.state() == PlanState.PAUSED && !result.blockedSteps().isEmpty()) {
        String step = result.blockedSteps().get(0);
        out.println("step " + step + " is blocked: " + result.errors().get(step).message());
        String press = dialog.ask("Run the blocked step '" + step + "' after all?", BUTTONS);
        if (press.startsWith("Allow")) {
          run.approve(step);
        } else {
          run.reject(step, "the user said no again");
        }
        result = run.await();
      }
      out.println(
          "plan "
              + result.state()
              + "; hello.txt exists: "
              + Files.exists(workspace.resolve("hello.txt")));
      return result;
    }
  }
}
