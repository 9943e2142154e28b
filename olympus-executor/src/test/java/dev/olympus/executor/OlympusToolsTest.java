package dev.olympus.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.olympus.llm.LlmRouter;
import dev.olympus.plan.Cancellation;
import dev.olympus.plan.ToolCall;
import dev.olympus.testing.ScriptedProvider;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolContext;
import dev.olympus.tools.ToolNotFoundException;
import dev.olympus.tools.ToolRegistry;
import dev.olympus.tools.ToolValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link Olympus#tools()}: the host's tools and the built-in ones, seen as one registry. */
class OlympusToolsTest {
  private static final ToolContext CALL =
      new ToolContext("p", "s", "p/s", Instant.now().plusSeconds(600), new Cancellation());

  private static ToolRegistry host(String description) {
    Tool echo =
        Tool.builder("host.echo")
            .description(description)
            .inputSchema(
                ChatFixture.parse(
                    "{\"type\":\"object\",\"required\":[\"say\"],"
                        + "\"properties\":{\"say\":{\"type\":\"string\"}}}"))
            .sideEffect(SideEffect.READ_ONLY)
            .handler((input, context) -> input);
    return ToolRegistry.builder().add(echo).build();
  }

  private static Olympus olympus(ToolRegistry tools) {
    LlmRouter router = LlmRouter.builder().local(ScriptedProvider.named("m", "tiny")).build();
    return Olympus.builder().tools(tools).llm(router).build();
  }

  @Test
  void theHostsToolsComeFirstThenMemoryThenModelTools() {
    try (Olympus olympus = olympus(host("echoes"))) {
      ToolRegistry tools = olympus.tools();

      assertEquals(
          List.of("host.echo", "memory.search", "memory.remember", "llm.generate", "llm.extract"),
          tools.ids());
      List<String> functions = new ArrayList<>();
      tools.specs().forEach(s -> functions.add(s.path("function").path("name").asText()));
      assertEquals(
          List.of("host_echo", "memory_search", "memory_remember", "llm_generate", "llm_extract"),
          functions);
      assertEquals("echoes", tools.get("host.echo").spec().description());
      assertEquals(Optional.of("memory.remember"), tools.find("memory.remember").map(Tool::id));
      assertEquals(Optional.empty(), tools.find("host.nothing"));
      assertThrows(ToolNotFoundException.class, () -> tools.get("host.nothing"));
    }
  }

  @Test
  void functionNamesMapToToolIdsInEitherRegistry() {
    try (Olympus olympus = olympus(host("echoes"))) {
      ToolRegistry tools = olympus.tools();

      assertEquals("host_echo", tools.functionName("host.echo"));
      assertEquals("llm_extract", tools.functionName("llm.extract"));
      assertEquals("host.echo", tools.toolIdForFunction("host_echo"));
      assertEquals("memory.search", tools.toolIdForFunction("memory_search"));
      assertThrows(ToolNotFoundException.class, () -> tools.functionName("host.nothing"));
      assertThrows(ToolNotFoundException.class, () -> tools.toolIdForFunction("host_nothing"));
    }
  }

  @Test
  void callsAreValidatedAndRunByTheRegistryThatHoldsTheTool() {
    try (Olympus olympus = olympus(host("echoes"))) {
      ToolRegistry tools = olympus.tools();
      JsonNode input = JsonNodeFactory.instance.objectNode().put("say", "hi");

      assertEquals(input, tools.invoke(ToolCall.of("host.echo", input), CALL));
      JsonNode wrong = JsonNodeFactory.instance.objectNode().put("shout", "hi");
      assertThrows(
          ToolValidationException.class, () -> tools.validate(ToolCall.of("host.echo", wrong)));
      assertThrows(
          ToolNotFoundException.class, () -> tools.validate(ToolCall.of("host.nothing", input)));
    }
  }

  @Test
  void theConfigurationHashFollowsTheHostsTools() {
    try (Olympus one = olympus(host("echoes"));
        Olympus same = olympus(host("echoes"));
        Olympus other = olympus(host("repeats what it is told"))) {
      String hash = one.tools().configHash();

      assertTrue(hash.matches("[0-9a-f]{16}"), hash);
      assertEquals(hash, same.tools().configHash());
      assertNotEquals(hash, other.tools().configHash());
    }
  }
}
