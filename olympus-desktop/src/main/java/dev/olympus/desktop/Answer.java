package dev.olympus.desktop;

import dev.olympus.tools.ConsentDecision;

/** The four answers a consent dialog offers, with their buttons' labels. */
enum Answer {
  ONCE("Allow once"),
  PLAN("Allow for this plan"),
  ALWAYS("Always allow"),
  DENY("Deny");

  private final String label;

  Answer(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }

  /** The decision this answer gives the gate. */
  ConsentDecision decision() {
    return switch (this) {
      case ONCE -> ConsentDecision.allowOnce();
      case PLAN -> ConsentDecision.allowForPlan();
      case ALWAYS -> ConsentDecision.allowAlways();
      case DENY -> ConsentDecision.deny("denied in the consent dialog");
    };
  }
}
