/**
 * The Olympus executor: the {@code Olympus} entry point that wires memory, tools, consent and
 * models, and the durable {@code PlanExecutor} that runs plans.
 */
module dev.olympus.executor {
  requires transitive dev.olympus.plan;
  requires transitive dev.olympus.memory;
  requires transitive dev.olympus.tools;
  requires transitive dev.olympus.llm;
  requires dev.failsafe.core;
  requires com.networknt.schema;
  requires org.slf4j;

  exports dev.olympus.executor;
}
