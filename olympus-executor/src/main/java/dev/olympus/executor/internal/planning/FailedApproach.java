package dev.olympus.executor.internal.planning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.plan.References;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An approach that failed for a non-transient reason: the keywords of the goal it served, the
 * capability, the error's class and message, and a short shape of the input.
 *
 * <p>The <b>shape</b> keeps each top-level input field's name with a coarse kind of its value:
 * {@code ref} for a value holding a {@code ${...}} reference, {@code url:<host>} for an http(s)
 * URL, {@code path:<first directory>/*.<extension>} for a path-like string, {@code text} for other
 * strings, {@code number}, {@code true}/{@code false}, {@code null}, {@code array} or {@code
 * object}. A draft step <b>repeats</b> the approach when it uses the same capability and every
 * field of the failed shape appears in its own shape with the same kind (extra fields do not
 * matter). Goals are <b>similar</b> when they share at least one keyword and at least half of the
 * keywords of the smaller set. Keywords are the goal's lower-cased words of three or more letters,
 * minus common English words, with a plural {@code s} dropped.
 *
 * @param keywords the goal's keywords
 * @param goal the goal (or plan title) the approach served
 * @param capability the tool id
 * @param errorClass the simple class name of the error
 * @param message the error's message, at most 200 characters
 * @param shape the input's shape, field name to kind
 */
record FailedApproach(
    Set<String> keywords,
    String goal,
    String capability,
    String errorClass,
    String message,
    Map<String, String> shape) {
  private static final Set<String> STOP_WORDS =
      Set.of(
          "the", "and", "for", "with", "into", "from", "this", "that", "these", "those", "about",
          "please", "then", "them", "their", "all", "any", "are", "was", "were", "will", "would",
          "could", "should", "can", "make", "use", "using", "get", "put", "our", "your", "you",
          "its", "has", "have", "had", "not", "but", "out", "over", "each", "every", "some", "one",
          "what", "which", "when", "where", "who", "how", "also", "there", "here", "than", "via");
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
  private static final Pattern URL = Pattern.compile("^[hH][tT][tT][pP][sS]?://([^/:?#]+)");
  private static final Pattern EXTENSION = Pattern.compile("\\.([A-Za-z0-9]{1,8})$");

  FailedApproach {
    // sorted, so the stored fact and the prompt line are the same for the same failure
    keywords = Collections.unmodifiableSortedSet(new TreeSet<>(keywords));
    shape = Collections.unmodifiableSortedMap(new TreeMap<>(shape));
  }

  /** The keywords of {@code text}, sorted. */
  static Set<String> keywords(String text) {
    Set<String> words = new TreeSet<>();
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      String word = m.group();
      if (word.length() > 4 && word.endsWith("s") && !word.endsWith("ss")) {
        word = word.substring(0, word.length() - 1);
      }
      if (word.length() >= 3 && !STOP_WORDS.contains(word)) {
        words.add(word);
      }
    }
    return words;
  }

  /** The shape of a step's inputs, sorted by field name. */
  static Map<String, String> shape(JsonNode inputs) {
    Map<String, String> shape = new TreeMap<>();
    inputs.properties().forEach(e -> shape.put(e.getKey(), kind(e.getValue())));
    return shape;
  }

  /** True if goals with these keyword sets are similar. */
  static boolean similarGoals(Set<String> a, Set<String> b) {
    long shared = a.stream().filter(b::contains).count();
    return shared >= 1 && shared * 2 >= Math.min(a.size(), b.size());
  }

  /**
   * True if a step using {@code tool} with {@code inputs} for {@code goalKeywords} repeats this.
   */
  boolean repeatedBy(Set<String> goalKeywords, String tool, JsonNode inputs) {
    if (!capability.equals(tool) || !similarGoals(keywords, goalKeywords)) {
      return false;
    }
    Map<String, String> other = shape(inputs);
    return shape.entrySet().stream().allMatch(e -> e.getValue().equals(other.get(e.getKey())));
  }

  /** The shape as a JSON object, for prompts and storage. */
  ObjectNode shapeJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    shape.forEach(json::put);
    return json;
  }

  /** One line for the planner's prompt. */
  String describe() {
    return capability
        + " with input shape "
        + shapeJson()
        + " failed with "
        + errorClass
        + (message.isEmpty() ? "" : ": " + message)
        + " (goal: \""
        + goal
        + "\")";
  }

  private static String kind(JsonNode value) {
    if (value.isTextual()) {
      return stringKind(value.textValue());
    }
    if (value.isNumber()) {
      return "number";
    }
    if (value.isBoolean() || value.isNull()) {
      return value.asText();
    }
    return value.isArray() ? "array" : "object";
  }

  private static String stringKind(String text) {
    if (holdsReference(text)) {
      return "ref";
    }
    Matcher url = URL.matcher(text);
    if (url.find()) {
      return "url:" + url.group(1).toLowerCase(Locale.ROOT);
    }
    boolean pathLike =
        !text.isEmpty()
            && text.length() <= 512
            && text.chars().noneMatch(Character::isWhitespace)
            && (text.contains("/") || text.contains("\\") || EXTENSION.matcher(text).find());
    return pathLike ? "path:" + pathPattern(text.replace('\\', '/')) : "text";
  }

  private static String pathPattern(String path) {
    int slash = path.indexOf('/', path.startsWith("/") ? 1 : 0);
    String directory = slash < 0 ? "" : path.substring(0, slash + 1);
    Matcher ext = EXTENSION.matcher(path);
    return directory + "*" + (ext.find() ? "." + ext.group(1).toLowerCase(Locale.ROOT) : "");
  }

  private static boolean holdsReference(String text) {
    try {
      return !References.find(JsonNodeFactory.instance.textNode(text)).isEmpty();
    } catch (IllegalArgumentException e) {
      return text.contains("${");
    }
  }
}
