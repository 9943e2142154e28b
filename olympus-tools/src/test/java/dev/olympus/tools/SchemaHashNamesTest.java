package dev.olympus.tools;

import static dev.olympus.tools.TestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.plan.ToolCall;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Property names starting with {@code #}, which the schema library lets past {@code
 * additionalProperties}: refused wherever they are undeclared, accepted where the schema declares
 * them, and reported with where they were found.
 */
class SchemaHashNamesTest {
  private final ToolRegistry registry =
      ToolRegistry.builder()
          .add(
              Tool.builder("test.notes")
                  .description("d")
                  .inputSchema(
                      json(
                          "{'type':'object','required':['n'],'additionalProperties':false,"
                              + "'properties':{'n':{'type':'integer'},"
                              + "'items':{'type':'array','items':{'type':'object',"
                              + "'additionalProperties':false,"
                              + "'properties':{'#tag':{'type':'string'}}}}}}"))
                  .handler((in, ctx) -> in))
          .build();

  private List<String> problems(String input) {
    ToolCall call = ToolCall.of("test.notes", json(input));
    return assertThrows(ToolValidationException.class, () -> registry.validate(call)).problems();
  }

  @Test
  void aHashNameDeclaredInANestedSchemaIsAccepted() {
    registry.validate(ToolCall.of("test.notes", json("{'n':1,'items':[{'#tag':'a'}]}")));
  }

  @Test
  void anUndeclaredHashNameIsRefusedWhereverItIs() {
    assertEquals(
        List.of("$: property '#x' is not defined in the schema"), problems("{'n':1,'#x':2}"));
    assertEquals(
        List.of("$.items[1]: property '#y' is not defined in the schema"),
        problems("{'n':1,'items':[{'#tag':'a'},{'#tag':'b','#y':3}]}"));
  }

  @Test
  void everyProblemIsListedInOrder() {
    List<String> problems = problems("{'#z':1,'items':[{'#q':2}]}");
    assertEquals(3, problems.size(), problems.toString());
    assertTrue(problems.contains("$: property '#z' is not defined in the schema"), "" + problems);
    assertTrue(problems.contains("$.items[0]: property '#q' is not defined in the schema"));
    List<String> sorted = new ArrayList<>(problems);
    sorted.sort(null);
    assertEquals(sorted, problems);
  }
}
