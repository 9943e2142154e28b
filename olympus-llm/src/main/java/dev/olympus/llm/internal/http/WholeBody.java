package dev.olympus.llm.internal.http;

import dev.olympus.llm.CancelledException;
import dev.olympus.llm.LlmException;
import dev.olympus.llm.TransientException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A whole response body handed from the HTTP client's threads to the calling thread through a
 * queue. Its body future is complete at once, so {@code HttpClient.send} returns as soon as the
 * headers arrive (the client bounds that wait with the request timeout); the caller then reads the
 * body against the same deadline, which the client itself does not enforce once the headers are in.
 * Waiting in {@code send} and here, rather than on {@code sendAsync}'s future, saves a hand-off per
 * call: {@code sendAsync} completes its future on {@code CompletableFuture}'s default executor,
 * which starts a new thread for every answer on machines with fewer than three cores.
 *
 * <p>One reader thread; the subscriber side is called by the HTTP client.
 */
final class WholeBody implements java.net.http.HttpResponse.BodySubscriber<Void> {
  private static final Object END = new Object();

  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private volatile Flow.Subscription subscription;

  @Override
  public CompletionStage<Void> getBody() {
    return CompletableFuture.completedFuture(null);
  }

  /**
   * The body's bytes, waiting at most until {@code deadline} ({@link System#nanoTime()}).
   *
   * @throws TransientException if the body did not end by the deadline
   * @throws LlmException {@code failure} applied to the error that ended the exchange
   * @throws CancelledException if the calling thread is interrupted (the flag stays set)
   */
  byte[] bytes(
      String provider,
      long deadline,
      Duration timeout,
      Function<Throwable, ? extends LlmException> failure) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (Object item = next(provider, deadline, timeout);
        item != END;
        item = next(provider, deadline, timeout)) {
      if (item instanceof Failure f) {
        throw failure.apply(f.error());
      }
      for (ByteBuffer buffer : ((Chunk) item).buffers()) {
        if (buffer.hasArray()) {
          bytes.write(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
        } else {
          byte[] chunk = new byte[buffer.remaining()];
          buffer.get(chunk);
          bytes.writeBytes(chunk);
        }
      }
    }
    return bytes.toByteArray();
  }

  private Object next(String provider, long deadline, Duration timeout) {
    try {
      Object item = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (item == null) {
        cancel();
        throw new TransientException(provider, "no answer within " + timeout, null);
      }
      return item;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancel();
      throw new CancelledException(provider, "interrupted while waiting for an answer", e);
    }
  }

  private void cancel() {
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    s.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    queue.add(new Chunk(buffers));
  }

  @Override
  public void onError(Throwable error) {
    queue.add(new Failure(error));
  }

  @Override
  public void onComplete() {
    queue.add(END);
  }

  private record Chunk(List<ByteBuffer> buffers) {}

  private record Failure(Throwable error) {}
}
