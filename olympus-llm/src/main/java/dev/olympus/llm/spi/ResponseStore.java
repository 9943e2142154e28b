package dev.olympus.llm.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * Where the router keeps cached answers beyond its in-process cache, so that they survive restarts
 * (for example a table in the host's database). The router stores each answer to a deterministic
 * request as opaque text under a key derived from the request and the model; an implementation
 * keeps the text as given and forgets it after {@code ttl}.
 *
 * <pre>{@code
 * LlmRouter router = LlmRouter.builder().local(ollama).responseStore(store).build();
 * }</pre>
 *
 * <p>Implementations must be thread-safe. An exception thrown by either method is logged by the
 * router and treated as a miss (for {@link #get}) or as not stored (for {@link #put}).
 */
public interface ResponseStore {
  /**
   * The text stored under {@code key}, if it is there and has not expired.
   *
   * @throws NullPointerException if {@code key} is null
   */
  Optional<String> get(String key);

  /**
   * Stores {@code response} under {@code key} for {@code ttl}, replacing what was there.
   *
   * @throws NullPointerException if an argument is null
   */
  void put(String key, String response, Duration ttl);
}
