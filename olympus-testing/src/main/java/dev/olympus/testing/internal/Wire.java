package dev.olympus.testing.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.testing.FakeReply;
import java.util.List;
import java.util.function.Function;

/** A provider's wire format: how a fake server renders answers, embeddings and errors. */
public interface Wire {
  /** The answer to chat {@code request}, streamed when the request asks for it. */
  WireResponse chat(JsonNode request, FakeReply reply);

  /** The embeddings of {@code texts}, one vector each from {@code embedder}. */
  WireResponse embed(JsonNode request, List<String> texts, Function<String, float[]> embedder);

  /** An error {@code status} with {@code message} in this format's error body. */
  WireResponse error(int status, String message);

  /** The texts of an embedding request's {@code input}: one string or an array of them. */
  static List<String> inputs(JsonNode request) {
    JsonNode input = request.path("input");
    if (!input.isArray()) {
      return List.of(input.asText());
    }
    List<String> texts = new java.util.ArrayList<>();
    input.forEach(text -> texts.add(text.asText()));
    return texts;
  }

  /** {@code text} in pieces of four characters, as a model streams tokens. */
  static List<String> pieces(String text) {
    List<String> pieces = new java.util.ArrayList<>();
    for (int i = 0; i < text.length(); i += 4) {
      pieces.add(text.substring(i, Math.min(text.length(), i + 4)));
    }
    return pieces;
  }
}
