package dev.olympus.executor;

import dev.olympus.executor.ChatModelServer.Wire;
import dev.olympus.testing.FakeReply;
import java.nio.file.Path;

/** A scripted server, Olympus over a SQLite file in {@code dir}, and one chat session. */
record ChatConversation(ChatModelServer model, ChatFixture fixture, ChatSession chat)
    implements AutoCloseable {

  /**
   * Opens session {@code sessionId} with {@code options} against a server giving {@code answers}.
   */
  static ChatConversation open(
      Path dir, Wire wire, String sessionId, ChatOptions options, FakeReply... answers) {
    ChatModelServer model = new ChatModelServer(wire, answers);
    ChatFixture fixture = new ChatFixture(dir, model.router());
    return new ChatConversation(model, fixture, fixture.olympus.chat(sessionId, options));
  }

  @Override
  public void close() {
    chat.close();
    fixture.close();
    model.close();
  }
}
