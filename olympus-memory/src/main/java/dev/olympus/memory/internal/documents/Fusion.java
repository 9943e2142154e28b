package dev.olympus.memory.internal.documents;

import dev.olympus.memory.Citation;
import dev.olympus.memory.SearchHit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** Reciprocal rank fusion: each list adds {@code 1 / (60 + rank)} to a hit's score. */
final class Fusion {
  static final int K = 60;

  private Fusion() {}

  static List<SearchHit> reciprocalRank(List<SearchHit> keyword, List<SearchHit> vector, int k) {
    Map<Citation, double[]> scores = new LinkedHashMap<>(); // rrf, bm25, cosine (NaN = absent)
    add(scores, keyword, 1);
    add(scores, vector, 2);
    List<SearchHit> fused = new ArrayList<>();
    scores.forEach(
        (citation, s) -> fused.add(new SearchHit(citation, s[0], optional(s[1]), optional(s[2]))));
    fused.sort(Comparator.comparingDouble(SearchHit::score).reversed());
    return fused.subList(0, Math.min(k, fused.size()));
  }

  private static void add(Map<Citation, double[]> scores, List<SearchHit> hits, int slot) {
    for (int rank = 0; rank < hits.size(); rank++) {
      SearchHit hit = hits.get(rank);
      double[] s =
          scores.computeIfAbsent(hit.citation(), c -> new double[] {0, Double.NaN, Double.NaN});
      s[0] += 1.0 / (K + rank + 1);
      s[slot] = slot == 1 ? hit.bm25().orElse(Double.NaN) : hit.cosine().orElse(Double.NaN);
    }
  }

  private static OptionalDouble optional(double value) {
    return Double.isNaN(value) ? OptionalDouble.empty() : OptionalDouble.of(value);
  }
}
