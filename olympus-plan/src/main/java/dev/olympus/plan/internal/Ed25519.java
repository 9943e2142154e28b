package dev.olympus.plan.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;

/** Ed25519 signatures with the JDK's own provider, and key fingerprints. */
public final class Ed25519 {
  /** The algorithm name, as the JDK and the transcript spell it. */
  public static final String ALGORITHM = "Ed25519";

  private Ed25519() {}

  /**
   * Signs {@code message} with {@code key}.
   *
   * @throws IllegalArgumentException if {@code key} is not an Ed25519 key
   */
  public static byte[] sign(PrivateKey key, byte[] message) {
    try {
      Signature signature = Signature.getInstance(ALGORITHM);
      signature.initSign(key);
      signature.update(message);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
    }
  }

  /** True if {@code signature} is {@code key}'s signature of {@code message}. */
  public static boolean verify(PublicKey key, byte[] message, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance(ALGORITHM);
      verifier.initVerify(key);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /**
   * The public key whose X.509 encoding is {@code der}.
   *
   * @throws IllegalArgumentException if it is not an Ed25519 public key
   */
  public static PublicKey publicKey(byte[] der) {
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
    }
  }

  /** {@code sha256:} and the hex SHA-256 of the key's X.509 encoding. */
  public static String fingerprint(PublicKey key) {
    return "sha256:" + Canonical.hex(Canonical.sha256(key.getEncoded()));
  }
}
