package dev.olympus.tools.internal;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body up to {@code keep} bytes, then cancels the rest of the transfer, so the
 * whole exchange (headers and body) completes one future that a caller can wait on with a deadline.
 * Signals arrive one at a time, as the reactive-streams contract requires.
 */
final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
  private final long keep;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private Flow.Subscription subscription;

  LimitedBody(long keep) {
    this.keep = keep;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    if (keep == 0) {
      finish();
    } else {
      subscription.request(1);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    for (ByteBuffer buffer : buffers) {
      if (result.isDone()) {
        return;
      }
      int take = (int) Math.min(buffer.remaining(), keep - out.size());
      byte[] bytes = new byte[take];
      buffer.get(bytes);
      out.write(bytes, 0, take);
      if (out.size() >= keep) {
        finish();
      }
    }
    if (!result.isDone()) {
      subscription.request(1);
    }
  }

  private void finish() {
    result.complete(out.toByteArray());
    subscription.cancel();
  }

  @Override
  public void onError(Throwable error) {
    result.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    result.complete(out.toByteArray());
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }
}
