package dev.olympus.llm.internal.route;

import dev.olympus.llm.StreamListener;

/** Forwards tokens and keeps the text delivered. One thread. */
final class CountingListener implements StreamListener {
  private final StreamListener delegate;
  private final StringBuilder text = new StringBuilder();

  CountingListener(StreamListener delegate) {
    this.delegate = delegate;
  }

  @Override
  public void onToken(String text) {
    this.text.append(text);
    delegate.onToken(text);
  }

  String text() {
    return text.toString();
  }
}
