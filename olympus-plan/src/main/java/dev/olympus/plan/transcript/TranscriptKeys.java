package dev.olympus.plan.transcript;

import dev.olympus.plan.internal.Checks;
import dev.olympus.plan.internal.Ed25519;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ed25519 key pairs for signing transcripts, with the JDK's own provider: a new pair, or the pair
 * kept in a PEM file (a {@code PRIVATE KEY} block in PKCS#8 and a {@code PUBLIC KEY} block in
 * X.509), created on first use, readable and writable by its owner only where the file system has
 * POSIX permissions. Keep that file apart from the store's backups: whoever holds it can sign.
 *
 * <pre>{@code
 * KeyPair key = TranscriptKeys.loadOrCreate(home.resolve("transcript-key.pem"));
 * String trusted = TranscriptKeys.fingerprint(key.getPublic());
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class TranscriptKeys {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");

  private TranscriptKeys() {}

  /** A new random Ed25519 key pair. */
  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance(Ed25519.ALGORITHM).generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java 15+ platform has Ed25519", e);
    }
  }

  /**
   * The fingerprint of {@code key}: {@code sha256:} and the hex SHA-256 of its X.509 encoding, as
   * transcripts carry it.
   *
   * @throws NullPointerException if {@code key} is null
   */
  public static String fingerprint(PublicKey key) {
    return Ed25519.fingerprint(Checks.notNull(key, "key"));
  }

  /**
   * The key pair in {@code file}, which is created with a new pair if it does not exist. Two
   * processes creating it at once end up with the same pair.
   *
   * @throws NullPointerException if {@code file} is null
   * @throws IOException if the file cannot be read or created
   * @throws IllegalArgumentException if the file does not hold an Ed25519 pair in this format
   */
  public static KeyPair loadOrCreate(Path file) throws IOException {
    Checks.notNull(file, "file");
    if (!Files.exists(file)) {
      create(file, generate());
    }
    return read(file);
  }

  private static void create(Path file, KeyPair pair) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, ".transcript-key", ".tmp");
    try {
      if (Files.getFileStore(temp).supportsFileAttributeView("posix")) {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      }
      Files.writeString(
          temp,
          pem("PRIVATE KEY", pair.getPrivate().getEncoded())
              + pem("PUBLIC KEY", pair.getPublic().getEncoded()));
      publish(temp, file);
    } catch (FileAlreadyExistsException e) {
      // another process made it first: use theirs
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  // Atomic, and never over a key another process has just made.
  private static void publish(Path temp, Path file) throws IOException {
    try {
      Files.createLink(file, temp);
    } catch (UnsupportedOperationException e) {
      Files.move(temp, file); // no hard links here: a move that refuses an existing file
    }
  }

  private static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static KeyPair read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    byte[] privateDer = block(text, "PRIVATE KEY", file);
    PublicKey publicKey = Ed25519.publicKey(block(text, "PUBLIC KEY", file));
    try {
      PrivateKey privateKey =
          KeyFactory.getInstance(Ed25519.ALGORITHM)
              .generatePrivate(new PKCS8EncodedKeySpec(privateDer));
      return new KeyPair(publicKey, privateKey);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(file + " holds no Ed25519 private key", e);
    }
  }

  private static byte[] block(String text, String type, Path file) {
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      if (m.group(1).equals(type)) {
        return Base64.getMimeDecoder().decode(m.group(2));
      }
    }
    throw new IllegalArgumentException(file + " has no " + type + " block");
  }
}
