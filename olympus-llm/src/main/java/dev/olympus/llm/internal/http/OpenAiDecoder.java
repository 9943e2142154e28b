package dev.olympus.llm.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.llm.ChatRequest;
import dev.olympus.llm.StreamListener;
import dev.olympus.llm.TransientException;
import dev.olympus.llm.Usage;
import dev.olympus.llm.internal.Json;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decodes OpenAI chat completions: one {@code chat.completion} object, or server-sent events whose
 * {@code data:} lines carry {@code chat.completion.chunk} objects with {@code delta}s (tool-call
 * arguments arrive in pieces keyed by {@code index}), a usage chunk with empty {@code choices} when
 * {@code stream_options.include_usage} is set, and finally {@code data: [DONE]}. A {@code refusal}
 * (in the message, or in pieces in the deltas) becomes the text, with {@link
 * dev.olympus.llm.FinishReason#REFUSAL}. One thread.
 */
final class OpenAiDecoder extends StreamDecoder {
  private final Map<Integer, PartialCall> calls = new TreeMap<>();
  private boolean done;

  OpenAiDecoder(String provider, String model, ChatRequest request, StreamListener listener) {
    super(provider, model, request, listener);
  }

  @Override
  boolean accept(String line) {
    if (!line.startsWith("data:")) {
      return false; // blank separators, ": keep-alive" comments, event: and id: fields
    }
    String data = line.substring(5).trim();
    if (data.equals("[DONE]")) {
      return finish();
    }
    JsonNode chunk = Json.parse(provider, data, "a stream chunk");
    if (chunk.hasNonNull("error")) {
      throw new TransientException(
          provider, "the server failed mid-answer: " + chunk.get("error"), null);
    }
    absorb(chunk, "delta");
    return false;
  }

  /** Takes a whole answer and returns it finished. */
  void absorbWhole(JsonNode completion) {
    absorb(completion, "message");
    finish();
  }

  @Override
  protected void end() {
    finish();
  }

  @Override
  boolean complete() {
    return done || finishReason != null;
  }

  private void absorb(JsonNode chunk, String field) {
    model = Json.text(chunk, "model", model);
    JsonNode reported = chunk.path("usage");
    if (reported.isObject()) {
      usage =
          new Usage(
              reported.path("prompt_tokens").asLong(0),
              reported.path("completion_tokens").asLong(0));
    }
    for (JsonNode choice : chunk.path("choices")) {
      if (choice.path("index").asInt(0) != 0) {
        continue;
      }
      JsonNode delta = choice.path(field);
      emit(Json.text(delta, "content", ""));
      String refusal = Json.text(delta, "refusal", "");
      if (!refusal.isEmpty()) {
        refused = true;
        emit(refusal);
      }
      int position = 0;
      for (JsonNode call : delta.path("tool_calls")) {
        int index = call.path("index").asInt(position++);
        count(calls.computeIfAbsent(index, i -> new PartialCall()).add(call));
      }
      finishReason = Json.text(choice, "finish_reason", finishReason);
    }
  }

  private boolean finish() {
    if (!done) {
      done = true;
      calls.forEach(
          (index, call) ->
              toolCalls.add(
                  ToolCalls.parse(
                      provider,
                      call.id.isEmpty() ? "call_" + index : call.id,
                      call.name.toString(),
                      Json.object().textNode(call.arguments.toString()))));
    }
    return true;
  }

  /** A tool call whose pieces are still arriving. */
  private static final class PartialCall {
    private String id = "";
    private final StringBuilder name = new StringBuilder();
    private final StringBuilder arguments = new StringBuilder();

    /** Adds a piece; returns how many characters of output it carried. */
    int add(JsonNode piece) {
      id = Json.text(piece, "id", id);
      JsonNode function = piece.path("function");
      String more = Json.text(function, "name", "");
      name.append(more);
      JsonNode args = function.path("arguments");
      String part = args.isTextual() ? args.asText() : args.isObject() ? args.toString() : "";
      arguments.append(part);
      return more.length() + part.length();
    }
  }
}
