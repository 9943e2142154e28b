package dev.olympus.cli;

import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.ConsentProvider;
import dev.olympus.tools.ConsentRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Asks for consent in the terminal, showing exactly what will run: the tool, its scopes and side
 * effect, the plan and step, a one-line summary (capped), and the input the tool will receive with
 * its size and SHA-256 digest. Nothing is cut silently: a long input shows its first lines and how
 * much more there is, and {@code v} pages through all of it. What looks like a secret is pointed
 * out, in full. Every piece passes through {@link Terminal#clean}, because a model may have written
 * it. Answers: {@code o} allow once, {@code p} for this plan (or chat conversation), {@code a}
 * always, {@code d} (or end of input) deny. Serialized: one prompt at a time.
 */
final class TerminalConsent implements ConsentProvider {
  static final int SUMMARY_MAX = 160;
  static final int WIDTH = 100;
  static final int PREVIEW_LINES = 8;
  static final int PAGE_LINES = 20;

  private final BufferedReader in;
  private final PrintWriter out;
  private final String unit;
  private final Map<String, String> denied = new HashMap<>();

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
    List<String> input = Terminal.cleanWrapped(request.input().toString(), WIDTH);
    describe(request, input);
    while (true) {
      out.print(
          "  [o] allow once  [p] allow for this "
              + unit
              + "  [a] always  [d] deny  [v] view all input > ");
      out.flush();
      String answer = readLine();
      if (answer == null) {
        out.println();
        return deny(request, "no answer from the terminal");
      }
      switch (answer.strip().toLowerCase(Locale.ROOT)) {
        case "o":
          return ConsentDecision.allowOnce();
        case "p":
          return ConsentDecision.allowForPlan();
        case "a":
          return ConsentDecision.allowAlways();
        case "d":
          return deny(request, "denied in the terminal");
        case "v":
          page(input);
          break;
        default:
          out.println("  please answer o, p, a, d or v");
      }
    }
  }

  /** Why the person denied step {@code stepId} of {@code planId} here, if they did. */
  synchronized Optional<String> deniedHere(String planId, String stepId) {
    return Optional.ofNullable(denied.get(planId + "/" + stepId));
  }

  private ConsentDecision deny(ConsentRequest request, String reason) {
    denied.put(request.planId() + "/" + request.stepId(), reason);
    return ConsentDecision.deny(reason);
  }

  private void describe(ConsentRequest request, List<String> input) {
    out.println("Olympus asks to: " + Terminal.cleanCapped(request.summary(), SUMMARY_MAX));
    out.println(
        "  tool "
            + Terminal.clean(request.toolId())
            + ", scopes "
            + Terminal.clean(request.scopes().toString()));
    out.println(
        "  effect: "
            + (request.risk().destructive() ? "DESTRUCTIVE: " : "")
            + Terminal.clean(request.risk().effect()));
    out.println(
        "  "
            + unit
            + " "
            + Terminal.clean(request.planId())
            + ", step "
            + Terminal.clean(request.stepId()));
    String json = request.input().toString();
    out.println(
        "  input: "
            + json.length()
            + " characters, "
            + json.getBytes(StandardCharsets.UTF_8).length
            + " bytes, sha-256 "
            + request.inputDigest());
    input.stream().limit(PREVIEW_LINES).forEach(line -> out.println("    " + line));
    if (input.size() > PREVIEW_LINES) {
      out.println(
          "    … "
              + (input.size() - PREVIEW_LINES)
              + " more lines not shown; answer v to see all of the input");
    }
    SecretMarks.find(request.input())
        .forEach(
            mark -> out.println("  ! looks like a secret, passed to the tool as shown: " + mark));
  }

  private void page(List<String> input) {
    for (int i = 0; i < input.size(); i++) {
      if (i > 0 && i % PAGE_LINES == 0) {
        out.print("  -- line " + i + " of " + input.size() + "; Enter for more, q to stop -- ");
        out.flush();
        String answer = readLine();
        if (answer == null || answer.strip().equalsIgnoreCase("q")) {
          out.println();
          return;
        }
      }
      out.println("    " + input.get(i));
    }
    out.println("  (end of input)");
  }

  private String readLine() {
    try {
      return in.readLine();
    } catch (IOException e) {
      return null;
    }
  }
}
