package dev.olympus.desktop;

import dev.olympus.executor.Olympus;
import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.LlmRouterBuilder;
import dev.olympus.llm.Money;
import dev.olympus.llm.OllamaProvider;
import dev.olympus.llm.OpenAiCompatibleProvider;
import dev.olympus.llm.Pricing;
import dev.olympus.llm.ProviderSkip;
import dev.olympus.memory.MemoryStore;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Chooses the model router from the settings, or says why there is none. Stateless. */
final class Models {
  private static final URI CLOUD = URI.create("https://api.openai.com");
  private static final String CLOUD_MODEL = "gpt-4o-mini";

  private Models() {}

  /**
   * The router to use, or why there is none.
   *
   * @param router the router, when a provider answers
   * @param whyNone why no model is in use, when there is none
   */
  record Choice(Optional<LlmRouter> router, Optional<String> whyNone) {}

  /** Builds the router the settings ask for and keeps it only if a provider answers now. */
  static Choice choose(Settings settings, MemoryStore memory) {
    if (settings.offline()) {
      return new Choice(Optional.empty(), Optional.of("Offline mode is on."));
    }
    LlmRouterBuilder builder =
        Olympus.routerBuilder(memory)
            .local(OllamaProvider.at(settings.ollamaUrl(), settings.model()));
    if (settings.cloud()) {
      builder
          .fallback(
              OpenAiCompatibleProvider.of(
                  CLOUD, System.getenv().getOrDefault("OPENAI_API_KEY", ""), CLOUD_MODEL),
              Pricing.perMillionTokens("0.15", "0.60"))
          .cloudFallback(true)
          .dailyBudget(Money.usd(settings.dailyBudget()));
    }
    LlmRouter router = builder.build();
    List<ProviderSkip> down = router.checkProviders();
    if (down.size() < (settings.cloud() ? 2 : 1)) {
      return new Choice(Optional.of(router), Optional.empty());
    }
    String why = down.stream().map(ProviderSkip::toString).collect(Collectors.joining("; "));
    return new Choice(
        Optional.empty(),
        Optional.of("No model answers at " + settings.ollamaUrl() + " (" + why + ")."));
  }
}
