package dev.olympus.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PromptTemplatesTest {
  final PromptTemplates prompts =
      PromptTemplates.builder()
          .add("summarize", "v1", "Summarize:\n{{text}}")
          .add("summarize", "v2", "Summarize in {{ words }} words:\n{{text}}")
          .build();

  @Test
  void rendersTheLatestVersionByDefault() {
    assertEquals(
        "Summarize in 50 words:\n$1 \\ {{x}}",
        prompts.render("summarize", Map.of("words", 50, "text", "$1 \\ {{x}}")));
    assertEquals("Summarize:\nabc", prompts.get("summarize", "v1").render(Map.of("text", "abc")));
    assertEquals(Set.of("words", "text"), prompts.get("summarize").variables());
  }

  @Test
  void namesWhatIsMissing() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> prompts.render("summarize", Map.of("text", "")));
    assertTrue(e.getMessage().contains("summarize@v2 needs variable 'words'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> prompts.get("translate"));
    assertThrows(IllegalArgumentException.class, () -> prompts.get("summarize", "v3"));
    assertThrows(
        IllegalStateException.class,
        () -> PromptTemplates.builder().add("a", "v1", "x").add("a", "v1", "y"));
  }
}
