package dev.olympus.executor;

import dev.olympus.executor.ChatModelServer.Wire;
import dev.olympus.testing.FakeReply;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** What the chat tests share: a temporary directory and the conversations they open in it. */
abstract class ChatTests {
  @TempDir Path dir;

  /** Opens session {@code sessionId} with {@code options}, the model giving {@code answers}. */
  ChatConversation open(Wire wire, String sessionId, ChatOptions options, FakeReply... answers) {
    return ChatConversation.open(dir, wire, sessionId, options, answers);
  }

  /** Opens session {@code sessionId} with default options, the model giving {@code answers}. */
  ChatConversation open(Wire wire, String sessionId, FakeReply... answers) {
    return open(wire, sessionId, ChatOptions.defaults(), answers);
  }
}
