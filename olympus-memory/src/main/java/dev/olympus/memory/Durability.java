package dev.olympus.memory;

/** How hard SQLite works to keep committed transactions across a power loss. */
public enum Durability {
  /**
   * {@code synchronous=NORMAL} in WAL mode: never corrupts; a power loss may lose the last few
   * commits. The default.
   */
  NORMAL,
  /** {@code synchronous=FULL}: every commit is on disk before it returns; slower. */
  FULL
}
