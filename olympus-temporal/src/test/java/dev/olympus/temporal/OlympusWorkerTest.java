package dev.olympus.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.OllamaProvider;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolRegistry;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker's configuration is refused when it is incomplete or when the host's tools would shadow
 * the ones the worker provides, naming what is wrong.
 */
class OlympusWorkerTest {
  @TempDir Path dir;
  private MemoryStore memory;

  @BeforeEach
  void open() {
    memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
  }

  @AfterEach
  void close() {
    memory.close();
  }

  private static Tool tool(String id) {
    return Tool.builder(id)
        .description("the host's own")
        .sideEffect(SideEffect.READ_ONLY)
        .handler((input, context) -> JsonNodeFactory.instance.objectNode());
  }

  private static LlmRouter router() {
    return LlmRouter.builder()
        .local(OllamaProvider.at(URI.create("http://127.0.0.1:9"), "llama3.2"))
        .build();
  }

  @Test
  void aHostToolWithTheIdOfAToolTheWorkerProvidesIsRefusedNamingIt() {
    for (String id : new String[] {"memory.search", "memory.remember"}) {
      ToolRegistry tools = ToolRegistry.builder().add(tool(id)).build();
      OlympusWorker.Builder builder = OlympusWorker.builder(memory).tools(tools);
      IllegalStateException clash = assertThrows(IllegalStateException.class, builder::build);
      assertTrue(clash.getMessage().contains("'" + id + "'"), clash::getMessage);
    }
    ToolRegistry model = ToolRegistry.builder().add(tool("llm.generate")).build();
    OlympusWorker.Builder withRouter = OlympusWorker.builder(memory).tools(model).llm(router());
    IllegalStateException clash = assertThrows(IllegalStateException.class, withRouter::build);
    assertTrue(clash.getMessage().contains("'llm.generate'"), clash::getMessage);
  }

  @Test
  void withoutARouterTheModelToolIdsAreTheHostsToUse() {
    ToolRegistry model = ToolRegistry.builder().add(tool("llm.generate")).build();
    OlympusWorker.builder(memory).tools(model).build().close();
  }

  @Test
  void aMissingPartIsRefusedNamingIt() {
    OlympusWorker.Builder builder = OlympusWorker.builder(memory);
    assertRefused("memory", () -> OlympusWorker.builder(null));
    assertRefused("tools", () -> builder.tools(null));
    assertRefused("consent", () -> builder.consent(null));
    assertRefused("grants", () -> builder.consentGrants(null));
    assertRefused("llm", () -> builder.llm(null));
    try (OlympusWorker worker = builder.build()) {
      assertRefused("worker", () -> worker.register(null));
    }
  }

  static void assertRefused(String part, Runnable call) {
    NullPointerException refused = assertThrows(NullPointerException.class, call::run);
    assertEquals(part + " cannot be null", refused.getMessage());
  }
}
