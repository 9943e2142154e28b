package dev.olympus.memory;

import dev.olympus.memory.internal.Checks;
import java.util.OptionalDouble;

/**
 * A retrieved chunk with its citation and scores. Immutable.
 *
 * @param citation where it comes from
 * @param score the ranking score, higher is better: the fused RRF score in hybrid search, the
 *     negated keyword rank in keyword search, the cosine in vector search
 * @param bm25 the keyword engine's raw rank (lower is better), if the keyword search found it:
 *     FTS5's BM25 in the SQLite store, the negated {@code ts_rank_cd} in the PostgreSQL store
 * @param cosine the cosine similarity, if the vector search found it
 */
public record SearchHit(
    Citation citation, double score, OptionalDouble bm25, OptionalDouble cosine) {

  /**
   * Checks the fields.
   *
   * @throws NullPointerException if an argument is null
   */
  public SearchHit {
    Checks.notNull(citation, "citation");
    Checks.notNull(bm25, "bm25");
    Checks.notNull(cosine, "cosine");
  }
}
