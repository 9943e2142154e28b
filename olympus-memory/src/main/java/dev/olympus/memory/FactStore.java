package dev.olympus.memory;

import java.util.List;

/**
 * Long-term facts, looked up by subject or predicate. A fact with the same subject, predicate and
 * value as a stored one replaces it. Lookups return only facts still valid on the store's clock,
 * newest first.
 *
 * <pre>{@code
 * memory.facts().put(Fact.of("user", "prefers-language", "French", "chat-42", now));
 * List<Fact> prefs = memory.facts().bySubject("user");
 * }</pre>
 *
 * <p>Thread-safe.
 */
public interface FactStore {

  /**
   * Stores {@code fact}.
   *
   * @throws NullPointerException if {@code fact} is null
   * @throws IllegalArgumentException if a field is blank
   * @throws LimitExceededException if a field is too long
   */
  void put(Fact fact);

  /**
   * Stores every fact in one transaction: all or none.
   *
   * @throws NullPointerException if {@code facts} or an element is null
   * @throws IllegalArgumentException if a field of a fact is blank
   * @throws LimitExceededException if a field is too long or the batch is too large
   */
  void putAll(List<Fact> facts);

  /**
   * The valid facts about {@code subject}.
   *
   * @throws NullPointerException if {@code subject} is null
   */
  List<Fact> bySubject(String subject);

  /**
   * The valid facts with {@code predicate}.
   *
   * @throws NullPointerException if {@code predicate} is null
   */
  List<Fact> byPredicate(String predicate);

  /**
   * Removes every fact about {@code subject}; returns how many.
   *
   * @throws NullPointerException if {@code subject} is null
   */
  int removeSubject(String subject);
}
