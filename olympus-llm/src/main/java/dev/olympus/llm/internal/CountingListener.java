package dev.olympus.llm.internal;

import dev.olympus.llm.StreamListener;

/** Forwards tokens and counts the characters delivered. One thread. */
final class CountingListener implements StreamListener {
  private final StreamListener delegate;
  private long chars;

  CountingListener(StreamListener delegate) {
    this.delegate = delegate;
  }

  @Override
  public void onToken(String text) {
    chars += text.length();
    delegate.onToken(text);
  }

  long chars() {
    return chars;
  }
}
