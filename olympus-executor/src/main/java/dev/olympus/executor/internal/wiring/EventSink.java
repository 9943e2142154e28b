package dev.olympus.executor.internal.wiring;

import dev.olympus.plan.PlanEvent;
import java.util.function.Consumer;

/** A forwarding event consumer whose target is set once the executor exists. */
final class EventSink implements Consumer<PlanEvent> {
  private volatile Consumer<PlanEvent> target = e -> {};

  void sendTo(Consumer<PlanEvent> target) {
    this.target = target;
  }

  @Override
  public void accept(PlanEvent event) {
    target.accept(event);
  }
}
