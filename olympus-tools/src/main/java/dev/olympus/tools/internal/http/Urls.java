package dev.olympus.tools.internal.http;

import dev.olympus.tools.ToolValidationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/** The URL field of the browser and desktop tools. */
public final class Urls {
  private Urls() {}

  /** Parses {@code raw}, refusing a malformed URL as invalid input of {@code toolId}. */
  public static URI parse(String toolId, String raw) {
    try {
      return new URI(raw);
    } catch (URISyntaxException e) {
      throw new ToolValidationException(toolId, List.of("$.url: not a URL: " + e.getMessage()));
    }
  }

  /** The host of {@code raw}, or "unknown" when it has none. */
  public static String host(String raw) {
    try {
      String host = new URI(raw).getHost();
      return host == null ? "unknown" : host;
    } catch (URISyntaxException e) {
      return "unknown";
    }
  }
}
