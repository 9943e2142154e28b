package dev.olympus.memory.internal.events;

import dev.olympus.memory.ChainHead;
import dev.olympus.memory.internal.Hashes;
import dev.olympus.memory.internal.sql.Session;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The chain's one row: its base (the link before the oldest kept event) and its head, with the
 * checks of the head that both {@link ChainVerifier} and appending make.
 */
record ChainState(long baseSeq, String baseHash, ChainHead head) {
  static final String MISSING = "the chain row (its head and base) is missing";

  /** The chain row, or empty if someone deleted it. */
  static Optional<ChainState> read(Session s) throws SQLException {
    try (ResultSet rs =
        s.prepare(
                "SELECT base_seq, base_hash, head_seq, head_hash, signature FROM chain WHERE id = 1")
            .executeQuery()) {
      if (!rs.next()) {
        return Optional.empty();
      }
      ChainHead head =
          new ChainHead(rs.getLong(3), rs.getString(4), Optional.ofNullable(rs.getString(5)));
      return Optional.of(new ChainState(rs.getLong(1), rs.getString(2), head));
    }
  }

  /** The base as {@code seq:hash}, as signed. */
  String base() {
    return baseSeq + ":" + baseHash;
  }

  /**
   * What is wrong with the head, given the last event in the log ({@code lastSeq} and {@code
   * lastHash}; the base when the log is empty), if anything.
   */
  Optional<String> headMismatch(long lastSeq, String lastHash) {
    if (lastSeq < head.seq()) {
      return Optional.of(
          "the log ends at event "
              + lastSeq
              + " but the chain head is event "
              + head.seq()
              + " (events "
              + (lastSeq + 1)
              + " to "
              + head.seq()
              + " are missing)");
    }
    if (lastSeq > head.seq()) {
      return Optional.of(
          "the log goes on to event " + lastSeq + " past the chain head at event " + head.seq());
    }
    if (!lastHash.equals(head.hash())) {
      return Optional.of(
          "the chain head's hash is not the hash of event " + lastSeq + " (the head was edited)");
    }
    return Optional.empty();
  }

  /**
   * Whether the head's signature is wrong under {@code key}. A new, empty chain is not signed yet
   * (its first append signs it); anything else must carry the signature of its base and head.
   */
  Optional<String> signatureMismatch(Optional<byte[]> key) {
    if (key.isEmpty() || (isNew() && head.signature().isEmpty())) {
      return Optional.empty();
    }
    String expected = SqlEventLog.signed(key.get(), base(), head.seq(), head.hash());
    return head.signature().map(expected::equals).orElse(false)
        ? Optional.empty()
        : Optional.of("the chain head's signature does not match");
  }

  private boolean isNew() {
    return baseSeq == 0
        && head.seq() == 0
        && Hashes.ZERO.equals(baseHash)
        && Hashes.ZERO.equals(head.hash());
  }
}
