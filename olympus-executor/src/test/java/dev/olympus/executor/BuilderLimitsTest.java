package dev.olympus.executor;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Each setting of {@link Olympus.Builder} and {@link ChatOptions.Builder} at and past its edge. */
class BuilderLimitsTest {
  private static void refused(String name, Executable call) {
    var e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(name), e.getMessage());
  }

  private static void olympusAccepts(Consumer<Olympus.Builder> setting) {
    assertDoesNotThrow(() -> setting.accept(Olympus.builder()));
  }

  @Test
  void parallelismAndWorkerCapacityAreOneTo1024() {
    olympusAccepts(b -> b.parallelism(1));
    olympusAccepts(b -> b.parallelism(1024));
    refused("parallelism", () -> Olympus.builder().parallelism(0));
    refused("parallelism", () -> Olympus.builder().parallelism(1025));
    olympusAccepts(b -> b.worker(1));
    olympusAccepts(b -> b.worker(1024));
    refused("worker capacity", () -> Olympus.builder().worker(0));
    refused("worker capacity", () -> Olympus.builder().worker(1025));
  }

  @Test
  void anOwnerIsOneTo200CharactersNotBlank() {
    olympusAccepts(b -> b.owner("a"));
    olympusAccepts(b -> b.owner("o".repeat(200)));
    refused("owner", () -> Olympus.builder().owner("o".repeat(201)));
    refused("owner", () -> Olympus.builder().owner(" "));
    assertThrows(NullPointerException.class, () -> Olympus.builder().owner(null));
  }

  @Test
  void durationsMustBePositiveAndALeaseAtLeastASecond() {
    olympusAccepts(b -> b.leaseDuration(Duration.ofSeconds(1)));
    refused("leaseDuration", () -> Olympus.builder().leaseDuration(Duration.ofMillis(999)));
    olympusAccepts(b -> b.consentTimeout(Duration.ofNanos(1)));
    refused("consentTimeout", () -> Olympus.builder().consentTimeout(Duration.ZERO));
    refused("consentTimeout", () -> Olympus.builder().consentTimeout(Duration.ofSeconds(-1)));
    olympusAccepts(b -> b.maxStepTime(Duration.ofNanos(1)));
    refused("maxStepTime", () -> Olympus.builder().maxStepTime(Duration.ZERO));
    refused("maxStepTime", () -> Olympus.builder().maxStepTime(Duration.ofSeconds(-1)));
  }

  @Test
  void chatLimitsAcceptTheirSmallestValueAndRefuseOneLess() {
    ChatOptions smallest =
        ChatOptions.builder()
            .maxRounds(1)
            .maxToolCalls(0)
            .windowTurns(1)
            .retrieval(0)
            .maxTokens(1)
            .maxToolResultChars(100)
            .build();
    assertEquals(1, smallest.maxRounds());
    assertEquals(0, smallest.maxToolCalls());
    assertEquals(1, smallest.windowTurns());
    assertEquals(0, smallest.retrieval());
    assertEquals(1, smallest.maxTokens().getAsInt());
    assertEquals(100, smallest.maxToolResultChars());
    refused("maxRounds", () -> ChatOptions.builder().maxRounds(0));
    refused("maxToolCalls", () -> ChatOptions.builder().maxToolCalls(-1));
    refused("windowTurns", () -> ChatOptions.builder().windowTurns(0));
    refused("passages", () -> ChatOptions.builder().retrieval(-1));
    refused("maxTokens", () -> ChatOptions.builder().maxTokens(0));
    refused("maxToolResultChars", () -> ChatOptions.builder().maxToolResultChars(99));
    refused("prompt", () -> ChatOptions.builder().systemPrompt(" "));
    refused("model", () -> ChatOptions.builder().modelHint(""));
  }

  @Test
  void chatDefaultsAreTheDocumentedOnes() {
    ChatOptions defaults = ChatOptions.defaults();
    assertEquals(8, defaults.maxRounds());
    assertEquals(16, defaults.maxToolCalls());
    assertEquals(20, defaults.windowTurns());
    assertTrue(defaults.summarize());
    assertEquals(0, defaults.retrieval());
    assertEquals(16_000, defaults.maxToolResultChars());
    assertTrue(defaults.maxTokens().isEmpty());
    assertTrue(defaults.systemPrompt().isEmpty());
  }
}
