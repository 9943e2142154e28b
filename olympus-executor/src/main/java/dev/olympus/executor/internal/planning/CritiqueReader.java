package dev.olympus.executor.internal.planning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.olympus.executor.CritiqueIssue;
import dev.olympus.executor.CritiqueIssue.Kind;
import dev.olympus.executor.CritiqueIssue.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a critic's answer leniently: an unknown kind counts as {@code other}, any severity but
 * {@code blocking} as {@code minor}, and an answer that is not the expected JSON becomes one minor
 * issue saying so (an unreadable critique never blocks a valid plan). Stateless.
 */
final class CritiqueReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CritiqueReader() {}

  static List<CritiqueIssue> read(String answer) {
    JsonNode issues;
    try {
      issues = JSON.readTree(DraftValidator.unfenced(answer)).path("issues");
    } catch (JsonProcessingException e) {
      return List.of(unreadable("it is not JSON: " + e.getOriginalMessage()));
    }
    if (!issues.isArray()) {
      return List.of(unreadable("it has no \"issues\" array"));
    }
    List<CritiqueIssue> read = new ArrayList<>();
    for (JsonNode issue : issues) {
      read.add(
          new CritiqueIssue(
              "blocking".equalsIgnoreCase(issue.path("severity").asText())
                  ? Severity.BLOCKING
                  : Severity.MINOR,
              kind(issue.path("kind").asText()),
              issue.path("step").asText(""),
              issue.path("message").asText("")));
    }
    return read;
  }

  private static Kind kind(String name) {
    for (Kind kind : Kind.values()) {
      if (kind.jsonName().equalsIgnoreCase(name.strip())) {
        return kind;
      }
    }
    return Kind.OTHER;
  }

  private static CritiqueIssue unreadable(String why) {
    return new CritiqueIssue(
        Severity.MINOR, Kind.OTHER, "", "the critic's answer could not be read: " + why);
  }
}
