package dev.olympus.desktop;

import dev.olympus.executor.Olympus;
import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.OllamaProvider;
import dev.olympus.llm.OpenAiCompatibleProvider;
import dev.olympus.llm.Pricing;
import dev.olympus.llm.ProviderSkip;
import dev.olympus.llm.spi.LlmProvider;
import dev.olympus.memory.MemoryStore;
import dev.olympus.plan.Money;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Chooses the model router from the settings, or says why there is none. Stateless. */
final class Models {
  private static final String CLOUD_MODEL = "gpt-4o-mini";

  private Models() {}

  /**
   * The router to use, or why there is none.
   *
   * @param router the router, when a provider answers
   * @param inUse the model that answers, for the status bar ("" when none)
   * @param whyNone why no model is in use, when there is none
   */
  record Choice(Optional<LlmRouter> router, String inUse, Optional<String> whyNone) {}

  /** Builds the router the settings ask for and keeps it only if a provider answers now. */
  static Choice choose(Settings settings, MemoryStore memory) {
    if (settings.offline()) {
      return new Choice(Optional.empty(), "", Optional.of("Offline mode is on."));
    }
    LlmProvider local = OllamaProvider.at(settings.ollamaUrl(), settings.model());
    LlmRouter.Builder builder = Olympus.routerBuilder(memory).local(local);
    if (settings.cloud()) {
      builder
          .fallback(
              OpenAiCompatibleProvider.of(
                  settings.cloudUrl(),
                  System.getenv().getOrDefault("OPENAI_API_KEY", ""),
                  CLOUD_MODEL),
              Pricing.perMillionTokens("0.15", "0.60"))
          .cloudFallback(true)
          .dailyBudget(Money.usd(settings.dailyBudget()));
    }
    LlmRouter router = builder.build();
    List<ProviderSkip> down = router.checkProviders();
    String why = down.stream().map(ProviderSkip::toString).collect(Collectors.joining("; "));
    boolean localDown = down.stream().anyMatch(skip -> skip.provider().equals(local.name()));
    if (!localDown) {
      return new Choice(Optional.of(router), settings.model(), Optional.empty());
    }
    if (settings.cloud() && down.size() == 1) {
      String inUse = CLOUD_MODEL + " (cloud; " + settings.model() + " does not answer)";
      return new Choice(Optional.of(router), inUse, Optional.empty());
    }
    return new Choice(
        Optional.empty(),
        "",
        Optional.of("No model answers at " + settings.ollamaUrl() + " (" + why + ")."));
  }
}
