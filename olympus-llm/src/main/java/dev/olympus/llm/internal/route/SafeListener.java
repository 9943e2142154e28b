package dev.olympus.llm.internal.route;

import dev.olympus.llm.BreakerState;
import dev.olympus.llm.CallEvent;
import dev.olympus.llm.FailedCall;
import dev.olympus.llm.ProviderSkip;
import dev.olympus.llm.RouterListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Forwards to the host's listener and logs, rather than throws, what it throws. Thread-safe. */
final class SafeListener implements RouterListener {
  private static final Logger LOG = LoggerFactory.getLogger(SafeListener.class);

  private final RouterListener delegate;

  SafeListener(RouterListener delegate) {
    this.delegate = delegate;
  }

  @Override
  public void onCall(CallEvent event) {
    run(() -> delegate.onCall(event));
  }

  @Override
  public void onFailure(FailedCall failure) {
    run(() -> delegate.onFailure(failure));
  }

  @Override
  public void onSkip(ProviderSkip skip) {
    run(() -> delegate.onSkip(skip));
  }

  @Override
  public void onBreakerStateChange(String provider, BreakerState state) {
    run(() -> delegate.onBreakerStateChange(provider, state));
  }

  private static void run(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.warn("a RouterListener threw; ignored", e);
    }
  }
}
