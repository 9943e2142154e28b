package dev.olympus.llm.internal.http;

import dev.olympus.llm.CancelledException;
import dev.olympus.llm.TransientException;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpResponse.ResponseInfo;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The lines of a streamed HTTP body, handed from the client's threads to the reader through a
 * queue, so that the reader can give up after an idle timeout and a cancellation wakes it at once
 * (closing the JDK's body input stream does not wake a blocked read).
 *
 * <p>One reader thread; the subscriber side is called by the HTTP client.
 */
final class LineStream implements Flow.Subscriber<String> {
  private static final Object END = new Object();
  private static final Object CANCELLED = new Object();

  private final String provider;
  private final Duration idleTimeout;
  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final CompletableFuture<ResponseInfo> info = new CompletableFuture<>();
  private volatile Flow.Subscription subscription;
  private volatile Runnable abort = () -> {};
  private volatile boolean cancelled;
  private boolean ended;

  LineStream(String provider, Duration idleTimeout) {
    this.provider = provider;
    this.idleTimeout = idleTimeout;
  }

  /** The body handler that feeds this stream. */
  BodyHandler<Void> handler() {
    return responseInfo -> {
      info.complete(responseInfo);
      return BodySubscribers.fromLineSubscriber(this);
    };
  }

  /** The status and headers, once they arrive. */
  CompletableFuture<ResponseInfo> info() {
    return info;
  }

  /** Records a failure of the whole exchange (before or after the headers). */
  void fail(Throwable error) {
    info.completeExceptionally(error);
    queue.add(new Failure(error));
  }

  /** Runs {@code action} on {@link #cancel()}: aborting the exchange before its headers arrive. */
  void onCancel(Runnable action) {
    abort = action;
    if (cancelled) {
      action.run();
    }
  }

  /**
   * Stops reading: wakes the reader (also one waiting for the headers) and aborts the exchange.
   * Idempotent.
   */
  void cancel() {
    info.cancel(false);
    close();
    abort.run();
  }

  /** Stops reading a body whose answer is complete: wakes the reader and drops the connection. */
  void close() {
    cancelled = true;
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
    queue.add(CANCELLED);
  }

  /** Whether {@link #cancel()} ended the stream. */
  boolean isCancelled() {
    return cancelled;
  }

  /**
   * The next line, or null when the body ended or the stream was cancelled.
   *
   * @throws TransientException if the connection dropped or no line came within the idle timeout
   */
  String next() {
    if (ended) {
      return null;
    }
    Object item = poll();
    if (item instanceof String line) {
      return line;
    }
    ended = true;
    if (item instanceof Failure failure) {
      throw new TransientException(
          provider, "the connection dropped mid-stream: " + failure.error(), failure.error());
    }
    return null;
  }

  /** The rest of the body as text, for error messages. */
  String drain() {
    StringBuilder body = new StringBuilder();
    for (String line = next(); line != null; line = next()) {
      body.append(line).append('\n');
    }
    return body.toString();
  }

  private Object poll() {
    try {
      Object item = queue.poll(idleTimeout.toNanos(), TimeUnit.NANOSECONDS);
      if (item == null) {
        cancel();
        throw new TransientException(
            provider, "the stream stalled: no data for " + idleTimeout, null);
      }
      return cancelled ? CANCELLED : item;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancel();
      throw new CancelledException(provider, "interrupted while streaming", e);
    }
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (cancelled) {
      s.cancel();
    } else {
      s.request(Long.MAX_VALUE);
    }
  }

  @Override
  public void onNext(String line) {
    queue.add(line);
  }

  @Override
  public void onError(Throwable error) {
    queue.add(new Failure(error));
  }

  @Override
  public void onComplete() {
    queue.add(END);
  }

  private record Failure(Throwable error) {}
}
