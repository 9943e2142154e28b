package dev.olympus.executor.internal.wiring;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.plan.PlanEvent;
import dev.olympus.tools.ConsentEvent;
import dev.olympus.tools.ConsentGate;
import java.util.function.Consumer;

/** Turns consent decisions into {@code consent.decision} events for the audit log. */
public final class ConsentEvents implements ConsentGate.Listener {
  /** The kind of the events this listener produces. */
  public static final String KIND = "consent.decision";

  private final Consumer<PlanEvent> sink;

  /** Sends the events to {@code sink}. */
  public ConsentEvents(Consumer<PlanEvent> sink) {
    this.sink = sink;
  }

  @Override
  public void onConsent(ConsentEvent event) {
    PlanEvent planEvent =
        PlanEvent.of(event.request().planId(), KIND, event.at()).withStep(event.request().stepId());
    ObjectNode data = planEvent.data();
    data.put("decision", event.kind().name()).put("source", event.source().name());
    data.put("tool", event.request().toolId()).put("summary", event.request().summary());
    data.put("detail", event.detail());
    // What was approved, exactly: the tool is only run with an input of this digest.
    data.put("inputDigest", event.inputDigest());
    long size = event.request().inputSize();
    if (size <= Integer.MAX_VALUE) {
      data.put("inputSize", (int) size); // read back from the log as an int: events stay equal
    } else {
      data.put("inputSize", size);
    }
    data.put("risk", event.request().risk().effect())
        .put("destructive", event.request().risk().destructive());
    event.request().scopes().forEach(data.putArray("scopes")::add);
    sink.accept(planEvent.withData(data));
  }
}
