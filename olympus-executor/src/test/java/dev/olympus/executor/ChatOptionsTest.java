package dev.olympus.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.plan.Budget;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChatOptionsTest {
  private static ChatOptions everythingSet() {
    return ChatOptions.builder()
        .systemPrompt("be brief")
        .maxRounds(3)
        .maxToolCalls(5)
        .windowTurns(7)
        .summarize(false)
        .retrieval(2)
        .retrievalFilter(Map.of("kind", "note"))
        .sessionBudget(Budget.ofTokens(1000))
        .dailyBudget(Budget.ofTokens(5000))
        .tools(Set.of("fs.read"))
        .modelHint("llama3.2")
        .maxTokens(200)
        .maxToolResultChars(500)
        .build();
  }

  @Test
  void aBuilderFromOptionsBuildsEqualOptions() {
    ChatOptions options = everythingSet();
    assertEquals(options, options.toBuilder().build());
    assertEquals(options.hashCode(), options.toBuilder().build().hashCode());
    assertEquals(ChatOptions.defaults(), ChatOptions.defaults().toBuilder().build());
    assertNotEquals(options, ChatOptions.defaults());
    assertTrue(options.toString().contains("be brief"), options.toString());
  }

  @Test
  void theLastCallWinsAndEveryValueIsKept() {
    ChatOptions options = everythingSet().toBuilder().maxRounds(9).maxRounds(4).build();
    assertEquals(4, options.maxRounds());
    assertEquals(Optional.of("be brief"), options.systemPrompt());
    assertEquals(5, options.maxToolCalls());
    assertEquals(7, options.windowTurns());
    assertEquals(false, options.summarize());
    assertEquals(2, options.retrieval());
    assertEquals(Map.of("kind", "note"), options.retrievalFilter());
    assertEquals(Budget.ofTokens(1000), options.sessionBudget());
    assertEquals(Budget.ofTokens(5000), options.dailyBudget());
    assertEquals(Optional.of(Set.of("fs.read")), options.tools());
    assertEquals(Optional.of("llama3.2"), options.modelHint());
    assertEquals(OptionalInt.of(200), options.maxTokens());
    assertEquals(500, options.maxToolResultChars());
  }

  @Test
  void eachSettingIsCheckedNamingIt() {
    var e = assertThrows(IllegalArgumentException.class, () -> ChatOptions.builder().maxRounds(0));
    assertTrue(e.getMessage().contains("maxRounds"), e.getMessage());
    assertThrows(NullPointerException.class, () -> ChatOptions.builder().sessionBudget(null));
  }
}
