package dev.olympus.executor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.OllamaProvider;
import dev.olympus.llm.OpenAiCompatibleProvider;
import dev.olympus.llm.Pricing;
import dev.olympus.plan.Money;
import dev.olympus.testing.FakeModelServer;
import dev.olympus.testing.FakeOllama;
import dev.olympus.testing.FakeOpenAi;
import dev.olympus.testing.FakeReply;
import dev.olympus.testing.RecordedRequest;
import java.util.List;

/**
 * A kit fake in either wire format (Ollama's {@code /api/chat} or OpenAI's {@code
 * /v1/chat/completions}) answering chats from a script, with the router the chat tests use.
 */
final class ChatModelServer implements AutoCloseable {
  /** The wire format the server speaks. */
  enum Wire {
    OLLAMA,
    OPENAI
  }

  final Wire wire;
  private final FakeModelServer server;

  ChatModelServer(Wire wire, FakeReply... answers) {
    this.wire = wire;
    this.server = wire == Wire.OLLAMA ? FakeOllama.start() : FakeOpenAi.start();
    server.enqueue(answers);
  }

  /** A text answer with 100 prompt and 20 completion tokens. */
  static FakeReply text(String text) {
    return FakeReply.text(text);
  }

  /** An answer calling tools, given as name then arguments (JSON text), pair after pair. */
  static FakeReply tools(String... nameThenArguments) {
    FakeReply reply = FakeReply.text("");
    for (int i = 0; i < nameThenArguments.length; i += 2) {
      reply = reply.withToolCall(nameThenArguments[i], nameThenArguments[i + 1]);
    }
    return reply;
  }

  /** Adds answers to the end of the script. */
  void then(FakeReply... answers) {
    server.enqueue(answers);
  }

  /**
   * A router with this server as its only provider: local Ollama, or a paid OpenAI fallback at $1
   * and $2 per million prompt and completion tokens.
   */
  LlmRouter router() {
    if (wire == Wire.OLLAMA) {
      return LlmRouter.builder().local(OllamaProvider.at(server.uri(), "llama3.2")).build();
    }
    return LlmRouter.builder()
        .fallback(
            OpenAiCompatibleProvider.of(server.uri().resolve("/v1"), "sk-test", "gpt-4o-mini"),
            Pricing.perMillionTokens("1", "2"))
        .cloudFallback(true)
        .dailyBudget(Money.usd("5"))
        .build();
  }

  /** Every chat request body received, in order. */
  List<JsonNode> requests() {
    return server.chatRequests().stream().map(RecordedRequest::json).toList();
  }

  /** The messages of request {@code index}. */
  JsonNode messages(int index) {
    return requests().get(index).path("messages");
  }

  @Override
  public void close() {
    server.close();
  }
}
