package dev.olympus.mcp;

import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.ConsentProvider;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolRegistry;
import java.util.Map;

/**
 * The Olympus tools our server tests serve: {@code text.greet} (read-only, allowed by the host's
 * consent provider) and {@code notes.append} (a side effect the host denies).
 */
final class ServedFixture {
  record Greet(String name) {}

  record Append(String line) {}

  private ServedFixture() {}

  static ToolRegistry tools() {
    Tool greet =
        Tool.builder("text.greet")
            .description("Greets someone by name")
            .scopes("text.greet")
            .sideEffect(SideEffect.READ_ONLY)
            .typed(Greet.class, (in, ctx) -> Map.of("text", "Hello, " + in.name()));
    Tool append =
        Tool.builder("notes.append")
            .description("Appends a line to the notes")
            .scopes("notes.write")
            .sideEffect(SideEffect.SIDE_EFFECT)
            .typed(Append.class, (in, ctx) -> Map.of("appended", in.line()));
    return ToolRegistry.builder().add(greet).add(append).build();
  }

  static ConsentProvider consent() {
    return request ->
        request.toolId().equals("text.greet")
            ? ConsentDecision.allowOnce()
            : ConsentDecision.deny("the user keeps the notes to herself");
  }
}
