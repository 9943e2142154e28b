package dev.olympus.llm.internal.http;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A whole response body as bytes, whose arrival is bounded by a deadline: {@code HttpClient.send}
 * returns once the last byte is in, so the calling thread wakes once per call. The client's request
 * timeout bounds the wait for the headers; from the headers on, this body's own timer does, since
 * the client does not. When it fires, the exchange is dropped and the body fails with a {@link
 * TimeoutException}.
 *
 * <p>The subscriber side is called by the HTTP client, one call at a time.
 */
final class WholeBody implements BodySubscriber<byte[]> {
  private final CompletableFuture<byte[]> body = new CompletableFuture<>();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private volatile Flow.Subscription subscription;

  private WholeBody(long deadline) {
    body.orTimeout(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
        .whenComplete((answer, error) -> dropIfTimedOut(error));
  }

  /** A handler whose body must be complete by {@code deadline} ({@link System#nanoTime()}). */
  static BodyHandler<byte[]> until(long deadline) {
    return info -> new WholeBody(deadline);
  }

  private void dropIfTimedOut(Throwable error) {
    Flow.Subscription s = subscription;
    if (error instanceof TimeoutException && s != null) {
      s.cancel();
    }
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return body;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (body.isDone()) {
      s.cancel();
    } else {
      s.request(Long.MAX_VALUE);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    for (ByteBuffer buffer : buffers) {
      if (buffer.hasArray()) {
        bytes.write(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
      } else {
        byte[] chunk = new byte[buffer.remaining()];
        buffer.get(chunk);
        bytes.writeBytes(chunk);
      }
    }
  }

  @Override
  public void onError(Throwable error) {
    body.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    body.complete(bytes.toByteArray());
  }
}
