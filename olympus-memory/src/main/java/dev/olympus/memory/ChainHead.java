package dev.olympus.memory;

import dev.olympus.memory.internal.Checks;
import java.util.Optional;

/**
 * The latest link of the event chain. Publishing it elsewhere (a log line, a signed receipt) lets a
 * reader prove later that nothing before it changed. Immutable.
 *
 * @param seq the sequence number of the latest event, 0 when empty
 * @param hash its hash (64 zeros when empty)
 * @param signature the hex HMAC-SHA256 of the chain's base and {@code seq} and {@code hash} under
 *     the store's key, if one is set (an empty, never appended log has none)
 */
public record ChainHead(long seq, String hash, Optional<String> signature) {

  /**
   * Checks the fields.
   *
   * @throws NullPointerException if an argument is null
   */
  public ChainHead {
    Checks.notNegative(seq, "seq");
    Checks.notNull(hash, "hash");
    Checks.notNull(signature, "signature");
  }
}
