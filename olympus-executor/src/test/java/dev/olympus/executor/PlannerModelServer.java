package dev.olympus.executor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.testing.FakeModelServer;
import dev.olympus.testing.FakeOllama;
import dev.olympus.testing.FakeOpenAi;
import dev.olympus.testing.FakeReply;
import dev.olympus.testing.RecordedRequest;
import java.net.URI;
import java.util.List;

/**
 * A kit fake (Ollama by default, or OpenAI-compatible) that answers chats with scripted texts, in
 * order, each with 100 prompt and 50 completion tokens. Past the script it answers HTTP 400, which
 * the router reports as a hard error, so a test that asks more than it scripted fails loudly.
 */
final class PlannerModelServer implements AutoCloseable {
  /** A scripted answer starting with this is sent as an OpenAI refusal of the rest. */
  static final String REFUSE = "REFUSE:";

  private final FakeModelServer server;

  PlannerModelServer(String... answers) {
    this(FakeOllama.start(), List.of(), answers);
  }

  private PlannerModelServer(FakeModelServer server, List<FakeReply> first, String... answers) {
    this.server = server;
    first.forEach(server::enqueue);
    for (String answer : answers) {
      FakeReply reply =
          answer.startsWith(REFUSE)
              ? FakeReply.refusal(answer.substring(REFUSE.length()))
              : FakeReply.text(answer);
      server.enqueue(reply.withUsage(100, 50));
    }
  }

  /** A server speaking OpenAI's chat completions. */
  static PlannerModelServer openAi(String... answers) {
    return new PlannerModelServer(FakeOpenAi.start(), List.of(), answers);
  }

  /** A server speaking OpenAI's chat completions that first answers {@code fault}. */
  static PlannerModelServer openAiAfter(FakeReply fault, String... answers) {
    return new PlannerModelServer(FakeOpenAi.start(), List.of(fault), answers);
  }

  URI uri() {
    return server.uri();
  }

  /** Every chat request body received, in order. */
  List<JsonNode> requests() {
    return server.chatRequests().stream().map(RecordedRequest::json).toList();
  }

  /** The answers not yet given. */
  int remaining() {
    return server.remaining();
  }

  /** The content of the last message with {@code role} in request {@code index}. */
  String lastMessage(int index, String role) {
    return server.chatRequests().get(index).lastMessage(role).orElse(null);
  }

  @Override
  public void close() {
    server.close();
  }
}
