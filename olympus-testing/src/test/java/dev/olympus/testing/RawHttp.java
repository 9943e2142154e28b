package dev.olympus.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;

/** A plain JDK HTTP client, to read what a fake server puts on the wire byte for byte. */
final class RawHttp {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = newClient();

  private RawHttp() {}

  // The kit's module reads java.net.http only through olympus-llm; its tests need to read it too.
  private static HttpClient newClient() {
    Module httpModule = ModuleLayer.boot().findModule("java.net.http").orElseThrow();
    RawHttp.class.getModule().addReads(httpModule);
    return HttpClient.newHttpClient();
  }

  static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return CLIENT.send(
        HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(URI uri, String json) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The JSON objects of an NDJSON body, one per line. */
  static List<JsonNode> lines(String body) {
    return body.lines().map(RawHttp::json).toList();
  }

  /** The {@code data:} payloads of a server-sent event body, in order. */
  static List<String> events(String body) {
    return Arrays.stream(body.split("\n\n")).map(e -> e.substring("data: ".length())).toList();
  }
}
