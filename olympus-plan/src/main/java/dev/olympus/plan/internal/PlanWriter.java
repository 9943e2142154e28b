package dev.olympus.plan.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.plan.Budget;
import dev.olympus.plan.Guard;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanSnapshot;
import dev.olympus.plan.Step;
import dev.olympus.plan.StepStatus;
import java.util.Collection;

/** Writes plans, snapshots and events as JSON trees. Fields at their defaults are omitted. */
public final class PlanWriter {
  /** The schema version written into every document. */
  public static final int SCHEMA_VERSION = 1;

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private PlanWriter() {}

  /** The plan as a JSON object carrying {@code schemaVersion}. */
  public static ObjectNode plan(Plan plan) {
    ObjectNode root = JSON.objectNode().put("schemaVersion", SCHEMA_VERSION);
    root.put("id", plan.id()).put("title", plan.title());
    if (!plan.budget().isUnlimited()) {
      root.set("budget", budget(plan.budget()));
    }
    plan.deadline().ifPresent(d -> root.put("deadline", d.toString()));
    ArrayNode steps = root.putArray("steps");
    plan.steps().forEach(s -> steps.add(step(s)));
    return root;
  }

  /** The snapshot as a JSON object carrying {@code schemaVersion}. */
  public static ObjectNode snapshot(PlanSnapshot snapshot) {
    ObjectNode root = JSON.objectNode().put("schemaVersion", SCHEMA_VERSION);
    root.set("plan", plan(snapshot.plan()));
    root.put("state", snapshot.state().name());
    root.put("updatedAt", snapshot.updatedAt().toString());
    ObjectNode steps = root.putObject("steps");
    snapshot.steps().forEach((name, status) -> steps.set(name, status(status)));
    return root;
  }

  /** The event as a JSON object; the memory module hashes its canonical form. */
  public static ObjectNode event(PlanEvent event) {
    ObjectNode root = JSON.objectNode().put("planId", event.planId());
    event.stepId().ifPresent(s -> root.put("stepId", s));
    root.put("correlationId", event.correlationId());
    root.put("timestamp", event.timestamp().toString());
    root.put("kind", event.kind());
    root.set("data", event.data());
    return root;
  }

  private static ObjectNode step(Step step) {
    ObjectNode node = JSON.objectNode().put("name", step.name());
    node.put("uses", step.capability().name());
    strings(node, "scopes", step.capability().scopes());
    node.set("with", step.inputs());
    strings(node, "after", step.after());
    if (!step.guard().equals(Guard.DEFAULT)) {
      node.set("guard", guard(step.guard()));
    }
    if (!step.description().isEmpty()) {
      node.put("description", step.description());
    }
    return node;
  }

  private static ObjectNode guard(Guard guard) {
    ObjectNode node = JSON.objectNode().put("retries", guard.retries());
    node.put("backoff", guard.backoff().toString()).put("jitter", guard.jitter());
    guard.deadline().ifPresent(d -> node.put("deadline", d.toString()));
    if (!guard.budget().isUnlimited()) {
      node.set("budget", budget(guard.budget()));
    }
    return node.put("consentRequired", guard.consentRequired()).put("optional", guard.optional());
  }

  private static ObjectNode budget(Budget budget) {
    ObjectNode node = JSON.objectNode();
    budget.maxTokens().ifPresent(t -> node.put("tokens", t));
    budget.maxUsd().ifPresent(u -> node.put("usd", u.amount().toPlainString()));
    return node;
  }

  /** One step's status as a JSON object. */
  public static ObjectNode status(StepStatus status) {
    ObjectNode node = JSON.objectNode().put("state", status.state().name());
    node.put("attempts", status.attempts());
    status.output().ifPresent(o -> node.set("output", o));
    status.error().ifPresent(e -> node.set("error", StepErrorJson.write(e)));
    status.startedAt().ifPresent(t -> node.put("startedAt", t.toString()));
    status.finishedAt().ifPresent(t -> node.put("finishedAt", t.toString()));
    return node;
  }

  private static void strings(ObjectNode node, String field, Collection<String> values) {
    if (!values.isEmpty()) {
      ArrayNode array = node.putArray(field);
      values.forEach(array::add);
    }
  }
}
