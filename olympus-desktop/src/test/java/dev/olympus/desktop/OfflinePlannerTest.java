package dev.olympus.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.olympus.plan.Plan;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfflinePlannerTest {
  @Test
  void searchesTheGoalAndWritesCitedNotesWithoutAModelStep() {
    Plan plan = OfflinePlanner.draft("  Notes on Revenue! ");
    assertEquals(List.of("search", "notes"), plan.topologicalOrder());
    assertEquals("memory.search", plan.step("search").capability().name());
    assertEquals("Notes on Revenue!", plan.step("search").inputs().get("query").asText());
    assertEquals("notes/notes-on-revenue.md", plan.step("notes").inputs().get("path").asText());
    assertTrue(plan.step("notes").inputs().get("content").asText().contains("${search.hits.0"));
  }

  @Test
  void aBlankGoalIsRefusedNamingTheGoal() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> OfflinePlanner.draft(" \t"))
            .getMessage()
            .startsWith("goal:"));
  }

  @Test
  void everySlugIsAShortPlainFileName() {
    qt().forAll(strings().allPossible().ofLengthBetween(0, 200))
        .check(
            goal -> {
              String slug = OfflinePlanner.slug(goal);
              return slug.matches("[a-z0-9]+(-[a-z0-9]+)*") && slug.length() <= 40;
            });
  }

  @Test
  void aSlugIsCutAtFortyCharactersAndNeverEndsInAHyphen() {
    String forty = "a".repeat(40);
    assertEquals(forty, OfflinePlanner.slug(forty));
    assertEquals(forty, OfflinePlanner.slug(forty + "b"));
    assertEquals("a".repeat(39), OfflinePlanner.slug("a".repeat(39) + " bc"));
    assertEquals("notes", OfflinePlanner.slug("!!!"));
  }

  @Test
  void theDraftListsItsStepsInRunOrder() {
    Draft draft = new Draft(OfflinePlanner.draft("revenue"), "");
    List<String> lines = draft.stepLines();
    assertTrue(lines.get(0).startsWith("1. search — memory.search {"), lines.get(0));
    assertTrue(lines.get(1).startsWith("2. notes — fs.write (after search) {"), lines.get(1));
  }
}
