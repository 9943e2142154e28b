package dev.olympus.desktop;

import dev.olympus.tools.ConsentRequest;
import dev.olympus.tools.ConsentText;
import java.util.Objects;

/**
 * What a consent dialog shows for one request, every text escaped with {@link ConsentText} so a
 * model or a file cannot disguise what will run. Immutable.
 *
 * @param title the tool and the step, e.g. "fs.write wants to run (plan p, step notes)"
 * @param summary the request's one-line summary
 * @param effect what the call does, "DESTRUCTIVE: " first when it destroys data
 * @param input the whole input, rendered (never cut)
 * @param identity the input's size and SHA-256
 * @param destructive whether the call is destructive
 */
record ConsentView(
    String title,
    String summary,
    String effect,
    String input,
    String identity,
    boolean destructive) {
  private static final int LINE = 160;

  ConsentView {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(effect, "effect");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(identity, "identity");
  }

  static ConsentView of(ConsentRequest request) {
    boolean destructive = request.risk().destructive();
    String effect = ConsentText.line(request.risk().effect(), LINE);
    return new ConsentView(
        ConsentText.line(
            request.toolId()
                + " wants to run (plan "
                + request.planId()
                + ", step "
                + request.stepId()
                + ")",
            LINE),
        request.summary(),
        (destructive ? "DESTRUCTIVE: " : "")
            + effect
            + "; needs "
            + ConsentText.line(String.join(", ", request.scopes()), LINE),
        ConsentText.render(request.input()),
        request.inputSize() + " bytes, SHA-256 " + request.inputDigest(),
        destructive);
  }
}
