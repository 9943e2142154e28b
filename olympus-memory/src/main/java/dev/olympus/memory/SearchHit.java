package dev.olympus.memory;

import dev.olympus.plan.internal.Checks;
import java.util.OptionalDouble;

/**
 * A retrieved chunk with its citation and scores. Immutable.
 *
 * @param citation where it comes from
 * @param score the ranking score, higher is better: the fused RRF score in hybrid search, the
 *     negated BM25 in keyword search, the cosine in vector search
 * @param bm25 the raw FTS5 BM25 score (lower is better), if the keyword search found it
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
