package dev.olympus.tools.internal.code;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads a process stream to its end, keeping its first bytes and counting the rest. */
final class CappedStream {
  private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
  private final int cap;
  private long dropped;

  private CappedStream(int cap) {
    this.cap = cap;
  }

  /** Reads {@code in} to its end, keeping at most {@code cap} bytes. */
  static CappedStream drain(InputStream in, int cap) {
    CappedStream out = new CappedStream(cap);
    byte[] buffer = new byte[8192];
    try (in) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.take(buffer, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private synchronized void take(byte[] buffer, int n) {
    int keep = Math.min(n, cap - kept.size());
    kept.write(buffer, 0, keep);
    dropped += n - keep;
  }

  synchronized String text() {
    return kept.toString(StandardCharsets.UTF_8);
  }

  synchronized boolean truncated() {
    return dropped > 0;
  }
}
