package dev.olympus.desktop;

import dev.olympus.executor.Olympus;
import dev.olympus.executor.PlanRun;
import dev.olympus.executor.PlanningResult;
import dev.olympus.executor.Reply;
import dev.olympus.llm.LlmRouter;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanEvent;
import dev.olympus.tools.ConsentGrants;
import dev.olympus.tools.ConsentProvider;
import dev.olympus.tools.FileTools;
import dev.olympus.tools.ToolRegistry;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One open store with Olympus wired for the window: the sandboxed file tools, the model chosen in
 * Settings (if it answers), consent through the dialogs, standing grants saved beside the store.
 * Every method may block (disk, model) and is called off the event thread. Thread-safe.
 */
final class DesktopSession implements AutoCloseable {
  private static final String CHAT = "desktop-chat";

  private final Settings settings;
  private final Path grantsFile;
  private final MemoryStore memory;
  private final ConsentGrants grants;
  private final Models.Choice models;
  private final Olympus olympus;
  private final TaskBoard board;
  private final AtomicLong tokens = new AtomicLong();

  private DesktopSession(Settings settings, Path home, ConsentProvider consent, TaskBoard board)
      throws IOException {
    this.settings = settings;
    this.board = board;
    this.grantsFile = home.resolve("grants.json");
    Files.createDirectories(settings.sandbox());
    this.memory = SqliteMemoryStore.open(home.resolve("olympus.db"));
    this.grants =
        Files.exists(grantsFile)
            ? ConsentGrants.fromJson(Files.readString(grantsFile))
            : ConsentGrants.empty();
    this.models = Models.choose(settings, memory);
    Olympus.Builder builder =
        Olympus.builder()
            .memory(memory)
            .tools(ToolRegistry.builder().add(FileTools.sandboxedAt(settings.sandbox())).build())
            .consentGrants(grants)
            .consent(consent);
    models.router().ifPresent(builder::llm);
    this.olympus = builder.build();
  }

  /**
   * Opens the store under {@code home} with {@code settings}; plans update {@code board}.
   *
   * @throws IOException if the home or sandbox folder or the grants file cannot be used
   */
  static DesktopSession open(Settings settings, Path home, ConsentProvider consent, TaskBoard board)
      throws IOException {
    Files.createDirectories(home);
    return new DesktopSession(settings, home, consent, board);
  }

  Settings settings() {
    return settings;
  }

  MemoryStore memory() {
    return memory;
  }

  /** The model that answers, or "" when none does. */
  String modelInUse() {
    return models.inUse();
  }

  /** Why no model is in use, or empty when one is. */
  Optional<String> noModelReason() {
    return models.whyNone();
  }

  /** The planner's draft for {@code goal}, or the keyword plan when there is no model. */
  Draft draft(String goal) {
    if (models.router().isEmpty()) {
      return new Draft(
          OfflinePlanner.draft(goal),
          models.whyNone().orElse("") + " " + OfflinePlanner.WHAT_A_MODEL_ADDS);
    }
    PlanningResult planned = olympus.planner().plan(goal);
    String issues = planned.openIssues().isEmpty() ? "" : "Open issues: " + planned.openIssues();
    return new Draft(planned.plan(), issues);
  }

  /** Starts {@code plan}; its steps show on the board as they change. */
  PlanRun start(Plan plan) {
    AtomicReference<PlanRun> handle = new AtomicReference<>();
    PlanRun run = olympus.executor().submit(plan, event -> heard(event.stored(), handle.get()));
    handle.set(run);
    board.track(run);
    return run;
  }

  /** Takes over a plan of the store (e.g. PAUSED in an earlier session) to steer it here. */
  PlanRun resume(String planId) {
    PlanRun run = olympus.executor().resume(planId);
    run.onEvent(event -> heard(event.stored(), run));
    board.track(run);
    return run;
  }

  /** Puts every PAUSED plan of the store on the board, so a person can decide on it. */
  int resumePaused() {
    var paused = olympus.executor().paused();
    paused.forEach(p -> resume(p.planId()));
    return paused.size();
  }

  /**
   * Sends {@code message} to the chat session.
   *
   * @throws dev.olympus.executor.ModelNotConfiguredException if no model is in use
   */
  Reply chat(String message) {
    Reply reply = olympus.chat(CHAT).send(message);
    tokens.addAndGet(reply.usage().totalTokens());
    return reply;
  }

  FolderIngest.Report ingest(Path folder) {
    return FolderIngest.ingest(memory, folder);
  }

  StatusLine status() {
    Optional<LlmRouter> router = models.router();
    BigDecimal spent = router.map(r -> r.spentToday().amount()).orElse(BigDecimal.ZERO);
    return new StatusLine(
        models.inUse(),
        tokens.get(),
        spent,
        settings.cloud() && router.isPresent() ? settings.dailyBudget() : null);
  }

  private void heard(PlanEvent event, PlanRun run) {
    if ("budget.charge".equals(event.kind())) {
      tokens.addAndGet(event.data().path("tokens").asLong());
    }
    if (run != null) {
      board.show(run.snapshot());
    }
  }

  /** Saves the standing grants and closes Olympus and the store; running plans stay resumable. */
  @Override
  public void close() throws IOException {
    try {
      Files.writeString(grantsFile, grants.toJson());
    } finally {
      try {
        olympus.close();
      } finally {
        memory.close();
      }
    }
  }
}
