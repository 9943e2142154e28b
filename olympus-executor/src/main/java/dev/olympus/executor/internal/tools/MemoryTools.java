package dev.olympus.executor.internal.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.memory.Citation;
import dev.olympus.memory.Fact;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SearchHit;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolContext;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Memory as tools: {@code memory.search} (documents, with citations) and {@code memory.remember} (a
 * fact, which needs the {@code memory.write} scope).
 */
public final class MemoryTools {
  private static final String SEARCH_SCHEMA =
      """
      {"type":"object","additionalProperties":false,"required":["query"],"properties":{
        "query":{"type":"string","minLength":1},
        "k":{"type":"integer","minimum":1,"maximum":50}}}
      """;
  private static final String REMEMBER_SCHEMA =
      """
      {"type":"object","additionalProperties":false,"required":["subject","predicate","value"],
       "properties":{
        "subject":{"type":"string","minLength":1},
        "predicate":{"type":"string","minLength":1},
        "value":{"type":"string"},
        "confidence":{"type":"number","minimum":0,"maximum":1}}}
      """;

  private final MemoryStore memory;
  private final Clock clock;

  /** Creates the tools over {@code memory}. */
  public MemoryTools(MemoryStore memory, Clock clock) {
    this.memory = memory;
    this.clock = clock;
  }

  /** Both tools. */
  public List<Tool> tools() {
    Tool search =
        Tool.builder("memory.search")
            .description("Search ingested documents; returns hits with citations.")
            .inputSchema(LlmTools.parse(SEARCH_SCHEMA))
            .sideEffect(SideEffect.READ_ONLY)
            .handler(this::search);
    Tool remember =
        Tool.builder("memory.remember")
            .description("Remember a fact (subject, predicate, value) in long-term memory.")
            .inputSchema(LlmTools.parse(REMEMBER_SCHEMA))
            .scopes("memory.write")
            .sideEffect(SideEffect.IDEMPOTENT)
            .handler(this::remember);
    return List.of(search, remember);
  }

  private JsonNode search(JsonNode input, ToolContext context) {
    int k = input.path("k").asInt(5);
    List<SearchHit> hits = memory.documents().search(input.get("query").asText(), k);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    ArrayNode array = out.putArray("hits");
    for (SearchHit hit : hits) {
      Citation c = hit.citation();
      array
          .addObject()
          .put("sourceId", c.sourceId())
          .put("chunkIndex", c.chunkIndex())
          .put("start", c.start())
          .put("end", c.end())
          .put("snippet", c.snippet())
          .put("score", hit.score());
    }
    return out;
  }

  private JsonNode remember(JsonNode input, ToolContext context) {
    Fact fact =
        new Fact(
            input.get("subject").asText(),
            input.get("predicate").asText(),
            input.get("value").asText(),
            "plan:" + context.planId() + "/" + context.stepId(),
            input.path("confidence").asDouble(1.0),
            clock.instant(),
            Optional.empty());
    memory.facts().put(fact);
    return JsonNodeFactory.instance.objectNode().put("remembered", true);
  }
}
