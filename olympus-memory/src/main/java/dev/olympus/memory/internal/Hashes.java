package dev.olympus.memory.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** SHA-256 and HMAC-SHA256 as lowercase hex. */
public final class Hashes {
  /** The previous hash of the first event. */
  public static final String ZERO = "0".repeat(64);

  private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private Hashes() {}

  /** A new SHA-256 digest. */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** SHA-256 of the UTF-8 bytes of {@code text}. */
  public static String sha256(String text) {
    return sha256(sha256(), text);
  }

  /** SHA-256 of the UTF-8 bytes of {@code text}, with {@code digest} (reset first). */
  public static String sha256(MessageDigest digest, String text) {
    digest.reset();
    return hex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** A link of the event chain: SHA-256 of {@code prevHash ":" seq ":" millis ":" payloadHash}. */
  public static String link(
      MessageDigest digest, String prevHash, long seq, long millis, String payloadHash) {
    return sha256(digest, prevHash + ":" + seq + ":" + millis + ":" + payloadHash);
  }

  /** {@code bytes} as lowercase hex. */
  static String hex(byte[] bytes) {
    byte[] out = new byte[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = DIGITS[(bytes[i] >> 4) & 15];
      out[2 * i + 1] = DIGITS[bytes[i] & 15];
    }
    return new String(out, StandardCharsets.ISO_8859_1);
  }

  /** HMAC-SHA256 of the UTF-8 bytes of {@code text} under {@code key}. */
  public static String hmac(byte[] key, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return hex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform has HmacSHA256", e);
    }
  }
}
