package dev.olympus.tools.internal.consent;

import static dev.olympus.tools.internal.Checks.notNull;

import dev.olympus.plan.ToolCall;
import dev.olympus.tools.ConsentEvent;
import dev.olympus.tools.ConsentRequest;
import dev.olympus.tools.ToolContext;

/** Whether a consent grant is for exactly the call about to run. */
public final class Approvals {
  private Approvals() {}

  /** Returns why {@code approval} does not grant {@code call} in {@code context}, or null. */
  public static String mismatch(ConsentEvent approval, ToolCall call, ToolContext context) {
    notNull(approval, "approval");
    ConsentRequest approved = approval.request();
    if (approval.kind() != ConsentEvent.Kind.GRANTED) {
      return "the consent event is " + approval.kind() + ", not GRANTED";
    }
    if (!approved.toolId().equals(call.toolId())) {
      return "consent was given for tool '" + approved.toolId() + "'";
    }
    if (!approved.planId().equals(context.planId())
        || !approved.stepId().equals(context.stepId())) {
      return "consent was given for " + approved.planId() + "/" + approved.stepId();
    }
    String digest = ConsentRequest.digestOf(call.input());
    if (!approval.inputDigest().equals(digest)) {
      return "the input (SHA-256 "
          + digest
          + ") is not the one consent was given for (SHA-256 "
          + approval.inputDigest()
          + ")";
    }
    return null;
  }
}
