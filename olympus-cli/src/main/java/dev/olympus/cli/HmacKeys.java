package dev.olympus.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads the audit chain's HMAC key for the command line: the bytes of a key file, or the UTF-8
 * bytes of {@value #ENV}. One trailing line break is dropped, so {@code openssl rand -hex 32 > key}
 * and the same text in the environment give the same key. Stateless.
 */
final class HmacKeys {
  /** The environment variable that may hold the key. */
  static final String ENV = "OLYMPUS_HMAC_KEY";

  static final int MIN_BYTES = 16;
  static final int MAX_BYTES = 4096;

  private HmacKeys() {}

  /** The key in {@code file}; refuses a key shorter than 16 or longer than 4,096 bytes. */
  static byte[] fromFile(Path file) throws IOException {
    long size = Files.size(file);
    if (size > MAX_BYTES + 2) {
      throw new IllegalArgumentException(
          "key file " + file + " has " + size + " bytes; a key has at most " + MAX_BYTES);
    }
    return checked(withoutLineBreak(Files.readAllBytes(file)), "key file " + file);
  }

  /** The UTF-8 bytes of {@code text}, the value of {@value #ENV}. */
  static byte[] fromText(String text) {
    return checked(withoutLineBreak(text.getBytes(StandardCharsets.UTF_8)), ENV);
  }

  private static byte[] withoutLineBreak(byte[] key) {
    int end = key.length;
    if (end > 0 && key[end - 1] == '\n') {
      end--;
      if (end > 0 && key[end - 1] == '\r') {
        end--;
      }
    }
    return Arrays.copyOf(key, end);
  }

  private static byte[] checked(byte[] key, String source) {
    if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
      throw new IllegalArgumentException(
          source
              + " holds "
              + key.length
              + " bytes; an HMAC key needs "
              + MIN_BYTES
              + " to "
              + MAX_BYTES);
    }
    return key;
  }
}
