package dev.olympus.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.plan.internal.Checks;
import dev.olympus.plan.internal.Template;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Finds and resolves {@code ${step.path.to.field}} references in step inputs.
 *
 * <p>Resolution replaces a string that is exactly one reference by the referenced JSON value,
 * keeping its type (number, object, array…); a reference embedded in longer text is replaced by the
 * value's text (JSON for objects and arrays). <code>$${</code> stands for a literal <code>${</code>
 * .
 *
 * <pre>{@code
 * JsonNode input = References.resolve(step.inputs(), Map.of("read", readOutput));
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class References {
  private References() {}

  /**
   * Returns every reference in {@code value}, depth first, in document order.
   *
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if a string holds a malformed reference
   */
  public static List<Reference> find(JsonNode value) {
    List<Reference> found = new ArrayList<>();
    collect(Checks.notNull(value, "value"), found);
    return found;
  }

  /**
   * Returns a copy of {@code value} with every reference replaced from {@code outputs} (step name
   * to output JSON). Only the steps referenced are looked up.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a string holds a malformed reference
   * @throws ReferenceException if a referenced step has no output or its output lacks the path
   */
  public static JsonNode resolve(JsonNode value, Map<String, ? extends JsonNode> outputs) {
    Checks.notNull(value, "value");
    Checks.notNull(outputs, "outputs");
    if (value.isTextual()) {
      return resolveText(value.textValue(), outputs);
    }
    if (value.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      value.properties().forEach(e -> copy.set(e.getKey(), resolve(e.getValue(), outputs)));
      return copy;
    }
    if (value.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      value.forEach(element -> copy.add(resolve(element, outputs)));
      return copy;
    }
    return value.deepCopy();
  }

  private static void collect(JsonNode value, List<Reference> found) {
    if (value.isTextual()) {
      found.addAll(Template.parse(value.textValue()).references());
    } else {
      for (Iterator<JsonNode> it = value.elements(); it.hasNext(); ) {
        collect(it.next(), found);
      }
    }
  }

  private static JsonNode resolveText(String text, Map<String, ? extends JsonNode> outputs) {
    Template template = Template.parse(text);
    if (template.isSingleReference()) {
      return lookup((Reference) template.parts().get(0), outputs).deepCopy();
    }
    StringBuilder out = new StringBuilder();
    for (Object part : template.parts()) {
      if (part instanceof Reference reference) {
        JsonNode node = lookup(reference, outputs);
        out.append(node.isValueNode() ? node.asText() : node.toString());
      } else {
        out.append((String) part);
      }
    }
    return JsonNodeFactory.instance.textNode(out.toString());
  }

  private static JsonNode lookup(Reference reference, Map<String, ? extends JsonNode> outputs) {
    JsonNode node = outputs.get(reference.step());
    if (node == null) {
      throw new ReferenceException(
          reference.toString(), "step '" + reference.step() + "' has no output");
    }
    for (String segment : reference.path()) {
      node = child(node, segment);
      if (node == null || node.isMissingNode()) {
        throw new ReferenceException(
            reference.toString(),
            "the output of step '" + reference.step() + "' has no '" + segment + "'");
      }
    }
    return node;
  }

  private static JsonNode child(JsonNode node, String segment) {
    if (node.isArray() && segment.chars().allMatch(Character::isDigit) && segment.length() < 10) {
      return node.get(Integer.parseInt(segment));
    }
    return node.get(segment);
  }
}
