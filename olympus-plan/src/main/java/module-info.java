/**
 * The Olympus plan model: immutable plans and steps, the fluent DSL, validation, the step and plan
 * state machines, data flow between steps and the versioned JSON codec.
 */
module dev.olympus.plan {
  requires transitive com.fasterxml.jackson.databind;

  exports dev.olympus.plan;
  exports dev.olympus.plan.transcript;
}
