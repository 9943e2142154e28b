package dev.olympus.executor.internal.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.executor.ChatListener;
import dev.olympus.executor.ChatToolCall;
import dev.olympus.executor.internal.HostCallbacks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers to a host's {@link ChatListener} one call at a time, logging what it throws. */
final class SerialChatListener implements ChatListener {
  private static final Logger LOG = LoggerFactory.getLogger(SerialChatListener.class);

  private final ChatListener target;

  SerialChatListener(ChatListener target) {
    this.target = target;
  }

  @Override
  public synchronized void onToken(String text) {
    deliver(() -> target.onToken(text));
  }

  @Override
  public synchronized void onToolCallStarted(
      String callId, String toolId, JsonNode arguments, int round) {
    deliver(() -> target.onToolCallStarted(callId, toolId, arguments.deepCopy(), round));
  }

  @Override
  public synchronized void onToolCallFinished(ChatToolCall call) {
    deliver(() -> target.onToolCallFinished(call));
  }

  private static void deliver(Runnable callback) {
    try {
      callback.run();
    } catch (RuntimeException | Error e) {
      HostCallbacks.rethrowIfFatal(e);
      LOG.warn("a chat listener failed; the conversation goes on", e);
    }
  }
}
