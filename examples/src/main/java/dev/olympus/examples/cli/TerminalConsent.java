package dev.olympus.examples.cli;

import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.ConsentProvider;
import dev.olympus.tools.ConsentRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Asks for consent in the terminal, showing exactly what will run: the tool, its scopes and side
 * effect, the plan and step, the one-line summary and the full input, every piece passed through
 * {@link Terminal#clean} because a model may have written it. Answers: {@code o} allow once, {@code
 * p} for this plan (or chat conversation), {@code a} always, {@code d} (or end of input) deny.
 * Serialized: one prompt at a time.
 */
final class TerminalConsent implements ConsentProvider {
  private final BufferedReader in;
  private final PrintWriter out;
  private final String unit;

  /**
   * Asks on {@code out}, reads answers from {@code in}; {@code unit} is "plan" or "conversation".
   */
  TerminalConsent(BufferedReader in, PrintWriter out, String unit) {
    this.in = in;
    this.out = out;
    this.unit = unit;
  }

  @Override
  public synchronized ConsentDecision decide(ConsentRequest request) {
    out.println("Olympus asks to: " + Terminal.clean(request.summary()));
    out.println(
        "  tool "
            + Terminal.clean(request.toolId())
            + ", scopes "
            + Terminal.clean(request.scopes().toString())
            + ", "
            + request.sideEffect());
    out.println(
        "  "
            + unit
            + " "
            + Terminal.clean(request.planId())
            + ", step "
            + Terminal.clean(request.stepId()));
    out.println("  input " + Terminal.clean(request.input().toString()));
    while (true) {
      out.print("  [o] allow once  [p] allow for this " + unit + "  [a] always  [d] deny > ");
      out.flush();
      String answer = readLine();
      if (answer == null) {
        out.println();
        return ConsentDecision.deny("no answer from the terminal");
      }
      switch (answer.strip().toLowerCase(Locale.ROOT)) {
        case "o":
          return ConsentDecision.allowOnce();
        case "p":
          return ConsentDecision.allowForPlan();
        case "a":
          return ConsentDecision.allowAlways();
        case "d":
          return ConsentDecision.deny("denied in the terminal");
        default:
          out.println("  please answer o, p, a or d");
      }
    }
  }

  private String readLine() {
    try {
      return in.readLine();
    } catch (IOException e) {
      return null;
    }
  }
}
