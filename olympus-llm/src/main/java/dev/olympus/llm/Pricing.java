package dev.olympus.llm;

import dev.olympus.llm.internal.Checks;
import dev.olympus.plan.Money;
import java.math.BigDecimal;

/**
 * What a provider charges per million prompt and completion tokens, as the host configures it.
 *
 * <pre>{@code
 * Pricing gpt4oMini = Pricing.perMillionTokens("0.15", "0.60");
 * Money cost = gpt4oMini.cost(new Usage(1_000, 200));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param promptPerMillion the price of one million prompt tokens
 * @param completionPerMillion the price of one million completion tokens
 */
public record Pricing(Money promptPerMillion, Money completionPerMillion) {
  /** The price of a local model: tokens cost nothing in dollars. */
  public static final Pricing FREE = new Pricing(Money.ZERO, Money.ZERO);

  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  /**
   * Checks the prices.
   *
   * @throws NullPointerException if a price is null
   */
  public Pricing {
    Checks.notNull(promptPerMillion, "promptPerMillion");
    Checks.notNull(completionPerMillion, "completionPerMillion");
  }

  /**
   * Prices given as decimal dollar strings per million tokens, such as {@code "0.15"}.
   *
   * @throws NullPointerException if a price is null
   * @throws NumberFormatException if a price is not a decimal number
   * @throws IllegalArgumentException if a price is negative
   */
  public static Pricing perMillionTokens(String prompt, String completion) {
    return new Pricing(Money.usd(prompt), Money.usd(completion));
  }

  /** Whether every token is free. */
  public boolean isFree() {
    return promptPerMillion.isZero() && completionPerMillion.isZero();
  }

  /**
   * The exact cost of {@code usage} at these prices.
   *
   * @throws NullPointerException if {@code usage} is null
   */
  public Money cost(Usage usage) {
    Checks.notNull(usage, "usage");
    BigDecimal prompt =
        promptPerMillion.amount().multiply(BigDecimal.valueOf(usage.promptTokens()));
    BigDecimal completion =
        completionPerMillion.amount().multiply(BigDecimal.valueOf(usage.completionTokens()));
    return new Money(prompt.add(completion).divide(MILLION));
  }
}
