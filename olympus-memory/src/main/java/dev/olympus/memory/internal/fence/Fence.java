package dev.olympus.memory.internal.fence;

import dev.olympus.memory.Lease;
import dev.olympus.memory.LeaseLostException;
import dev.olympus.memory.internal.sql.Dialect.RowLock;
import dev.olympus.memory.internal.sql.Session;
import dev.olympus.memory.internal.sql.SqlWork;
import java.sql.SQLException;
import java.util.Optional;

/** The check that a fenced write is still made by the current holder of its lease. */
public final class Fence {
  private Fence() {}

  /** A lease row's holder: {@code owner} is null once released. */
  private record Holder(String owner, long token) {}

  /**
   * The guard a fenced write runs first inside its transaction: it throws {@link
   * LeaseLostException} unless {@code fence} is still the current lease of its resource (same
   * owner, same token), and returns null. Expiry alone does not fail the check: a lapsed lease that
   * no one claimed since still fences correctly.
   */
  public static SqlWork<Void> guard(Lease fence) {
    return s -> {
      check(s, fence);
      return null;
    };
  }

  private static void check(Session s, Lease fence) throws SQLException {
    // Share-locked, so a claim of the resource waits until the caller's transaction ends.
    Optional<Holder> holder =
        s.first(
            "SELECT owner, token FROM leases WHERE resource = ?"
                + s.dialect().lockRows("leases", RowLock.SHARE),
            rs -> new Holder(rs.getString(1), rs.getLong(2)),
            fence.resource());
    boolean current =
        holder.isPresent()
            && holder.get().token() == fence.token()
            && fence.owner().equals(holder.get().owner());
    if (!current) {
      throw new LeaseLostException(fence.resource(), fence.owner(), fence.token());
    }
  }
}
