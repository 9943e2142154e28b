/**
 * Optional offline embeddings for Olympus: an {@code Embedder} that runs all-MiniLM-L6-v2 in
 * process, so hybrid retrieval works on a machine with no model server.
 */
module dev.olympus.embeddings {
  requires transitive dev.olympus.memory;
  requires langchain4j.core;
  requires langchain4j.embeddings;
  requires langchain4j.embeddings.all.minilm.l6.v2;

  exports dev.olympus.embeddings;
}
