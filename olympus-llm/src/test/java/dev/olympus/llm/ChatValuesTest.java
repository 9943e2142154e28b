package dev.olympus.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.olympus.plan.Money;
import dev.olympus.plan.ToolCall;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * ChatRequest, ChatResponse and CallEvent: builders where the last call wins, toBuilder, equality.
 */
class ChatValuesTest {
  @Test
  void aRequestsLastSettingWinsAndToBuilderKeepsEverything() {
    BudgetContext budget = BudgetContext.builder("p", "s").build();
    ChatRequest request =
        ChatRequest.builder()
            .system("be brief")
            .user("hi")
            .maxTokens(10)
            .maxTokens(20)
            .temperature(0)
            .modelHint("llama3.2")
            .budget(budget)
            .build();

    assertEquals(OptionalInt.of(20), request.maxTokens());
    assertEquals(2, request.messages().size());
    assertEquals(request, request.toBuilder().build());
    assertEquals(request.hashCode(), request.toBuilder().build().hashCode());
    assertNotEquals(request, request.toBuilder().user("more").build());
    assertTrue(request.toString().contains("maxTokens=OptionalInt[20]"), request.toString());
  }

  @Test
  void aRequestIsCheckedWhenBuilt() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ChatRequest.builder().user("hi").temperature(3).build());
    assertTrue(e.getMessage().startsWith("temperature"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ChatRequest.builder().build());
    for (double refused : new double[] {-0.01, 2.01}) {
      assertThrows(
          IllegalArgumentException.class,
          () -> ChatRequest.builder().user("hi").temperature(refused).build(),
          "temperature " + refused);
    }
    for (double edge : new double[] {0, 2}) {
      ChatRequest.builder().user("hi").temperature(edge).build();
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> ChatRequest.builder().user("hi").maxTokens(0).build());
  }

  @Test
  void onlyAnAssistantMessageCarriesToolCalls() {
    ToolCall call = new ToolCall("call_0", "clock", JsonNodeFactory.instance.objectNode());
    assertEquals(List.of(call), ChatMessage.assistant("", List.of(call)).toolCalls());
    for (ChatMessage.Role role :
        List.of(ChatMessage.Role.SYSTEM, ChatMessage.Role.USER, ChatMessage.Role.TOOL)) {
      assertThrows(
          IllegalArgumentException.class,
          () -> new ChatMessage(role, "", List.of(call), Optional.empty(), Optional.empty()),
          role.toString());
    }
  }

  @Test
  void aResponseBuiltFromAnotherKeepsEveryFieldAndAsCachedClearsTheAccounting() {
    ChatResponse response =
        ChatResponse.builder("local", "llama3.2")
            .text("hello")
            .finishReason(FinishReason.LENGTH)
            .usage(new Usage(3, 4))
            .cost(Money.usd("0.01"))
            .skipped(List.of())
            .build();

    assertEquals(response, response.toBuilder().build());
    assertEquals(response.hashCode(), response.toBuilder().build().hashCode());
    assertNotEquals(response, response.toBuilder().text("other").build());
    ChatResponse cached = response.asCached();
    assertTrue(cached.cached());
    assertEquals(Usage.NONE, cached.usage());
    assertEquals(Money.ZERO, cached.cost());
    assertEquals("hello", cached.text());
    assertEquals(FinishReason.LENGTH, cached.finishReason());
  }

  @Test
  void aCallEventBuiltFromAnotherKeepsEveryField() {
    CallEvent event =
        CallEvent.builder(CallEvent.Operation.CHAT, "local", "llama3.2", Duration.ofMillis(5))
            .usage(new Usage(1, 2))
            .routing("first")
            .routing("cache")
            .cached(true)
            .build();

    assertEquals("cache", event.routing());
    assertEquals(event, event.toBuilder().build());
    assertEquals(event.hashCode(), event.toBuilder().build().hashCode());
    assertNotEquals(event, event.toBuilder().cached(false).build());
  }
}
