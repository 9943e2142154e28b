package dev.olympus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds what looks like a secret in a tool input, so the consent prompt can point at it. The person
 * approving sees every secret in full: they decide whether it may be written or sent. Stateless.
 */
final class SecretMarks {
  private static final Pattern SECRET_NAME =
      Pattern.compile(
          "(?i).*(password|passwd|secret|token|api[_-]?key|authorization|cookie|credential"
              + "|private[_-]?key|session).*");
  private static final Pattern SECRET_TEXT =
      Pattern.compile(
          "(?i)[?&][^=&#\\s]*(?:password|secret|token|key|auth|sig|session)[^=&#\\s]*=[^&#\\s]+"
              + "|\\bbearer\\s+[A-Za-z0-9._~+/=-]{8,}"
              + "|-----BEGIN [A-Z ]*PRIVATE KEY-----");
  private static final int LONGEST_SHOWN = 120;

  private SecretMarks() {}

  /** One line per secret-looking field or text in {@code input}: its JSON path and the text. */
  static List<String> find(JsonNode input) {
    List<String> marks = new ArrayList<>();
    find(input, "$", marks);
    return marks;
  }

  private static void find(JsonNode node, String path, List<String> marks) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        String at = path + "." + field.getKey();
        if (SECRET_NAME.matcher(field.getKey()).matches() && field.getValue().isValueNode()) {
          marks.add(at + " = " + Terminal.cleanCapped(field.getValue().asText(), LONGEST_SHOWN));
        } else {
          find(field.getValue(), at, marks);
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        find(node.get(i), path + "[" + i + "]", marks);
      }
    } else if (node.isTextual()) {
      Matcher m = SECRET_TEXT.matcher(node.textValue());
      while (m.find()) {
        marks.add(path + " contains " + Terminal.cleanCapped(m.group(), LONGEST_SHOWN));
      }
    }
  }
}
