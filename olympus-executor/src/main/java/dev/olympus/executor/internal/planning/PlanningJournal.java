package dev.olympus.executor.internal.planning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.executor.CritiqueIssue;
import dev.olympus.executor.PlanningEntry;
import dev.olympus.executor.PlanningTranscript;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.StoredEvent;
import dev.olympus.plan.PlanEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stores a planning session's transcript in the event log as it happens, one event per entry, under
 * the session id as plan id: {@code planning.started} {goal}, {@code planning.draft} {round, text},
 * {@code planning.problems} {round, problems}, {@code planning.critique} {round, issues}, then
 * {@code planning.finished} {planId, limitReached} or {@code planning.failed} {reason}. Reads it
 * back. Thread-safe.
 */
public final class PlanningJournal {
  static final String STARTED = "planning.started";
  static final String DRAFT = "planning.draft";
  static final String PROBLEMS = "planning.problems";
  static final String CRITIQUE = "planning.critique";
  static final String FINISHED = "planning.finished";
  static final String FAILED = "planning.failed";

  private final MemoryStore memory;
  private final Clock clock;

  public PlanningJournal(MemoryStore memory, Clock clock) {
    this.memory = memory;
    this.clock = clock;
  }

  void started(String sessionId, String goal) {
    append(sessionId, STARTED, data().put("goal", goal));
  }

  void entry(String sessionId, PlanningEntry entry) {
    ObjectNode data = data().put("round", entry.round());
    if (entry instanceof PlanningEntry.Draft draft) {
      append(sessionId, DRAFT, data.put("text", draft.text()));
    } else if (entry instanceof PlanningEntry.Problems problems) {
      problems.problems().forEach(data.putArray("problems")::add);
      append(sessionId, PROBLEMS, data);
    } else if (entry instanceof PlanningEntry.Critique critique) {
      var issues = data.putArray("issues");
      for (CritiqueIssue i : critique.issues()) {
        issues
            .addObject()
            .put("severity", i.severity().jsonName())
            .put("kind", i.kind().jsonName())
            .put("step", i.step())
            .put("message", i.message());
      }
      append(sessionId, CRITIQUE, data);
    }
  }

  void finished(String sessionId, String planId, boolean limitReached) {
    append(sessionId, FINISHED, data().put("planId", planId).put("limitReached", limitReached));
  }

  void failed(String sessionId, String reason) {
    append(sessionId, FAILED, data().put("reason", reason));
  }

  /** The stored transcript of {@code sessionId}, if it was started. */
  Optional<PlanningTranscript> load(String sessionId) {
    String goal = null;
    List<PlanningEntry> entries = new ArrayList<>();
    for (StoredEvent stored : memory.events().byPlan(sessionId)) {
      PlanEvent event = stored.event();
      JsonNode data = event.data();
      int round = data.path("round").asInt();
      switch (event.kind()) {
        case STARTED -> goal = data.path("goal").asText();
        case DRAFT -> entries.add(new PlanningEntry.Draft(round, data.path("text").asText()));
        case PROBLEMS -> entries.add(new PlanningEntry.Problems(round, texts(data, "problems")));
        case CRITIQUE -> entries.add(new PlanningEntry.Critique(round, issues(data)));
        default -> {}
      }
    }
    return goal == null
        ? Optional.empty()
        : Optional.of(new PlanningTranscript(sessionId, goal, entries));
  }

  private static List<String> texts(JsonNode data, String field) {
    List<String> texts = new ArrayList<>();
    data.path(field).forEach(t -> texts.add(t.asText()));
    return texts;
  }

  private static List<CritiqueIssue> issues(JsonNode data) {
    ObjectNode wrapper = data().set("issues", data.path("issues"));
    return CritiqueReader.read(wrapper.toString());
  }

  private void append(String sessionId, String kind, ObjectNode data) {
    memory.events().append(PlanEvent.of(sessionId, kind, clock.instant()).withData(data));
  }

  private static ObjectNode data() {
    return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
  }
}
