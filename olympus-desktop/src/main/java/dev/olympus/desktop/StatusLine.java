package dev.olympus.desktop;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The status bar's text: the model in use, the tokens this window's plans and chats used, and the
 * cloud spend today against the daily budget. Immutable.
 *
 * @param model the model's name, or empty when none is in use
 * @param tokens tokens used since the window opened
 * @param spentToday USD spent on the cloud today (all processes on the store)
 * @param budget the daily cloud budget in USD, or null when the cloud is off
 */
record StatusLine(String model, long tokens, BigDecimal spentToday, BigDecimal budget) {
  StatusLine {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(spentToday, "spentToday");
  }

  String text() {
    String cloud =
        budget == null
            ? "cloud off"
            : "cloud today $" + spentToday.toPlainString() + " of $" + budget.toPlainString();
    return (model.isEmpty() ? "no model (offline)" : "model " + model)
        + "  |  "
        + tokens
        + " tokens used  |  "
        + cloud;
  }
}
