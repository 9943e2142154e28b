package dev.olympus.memory;

/**
 * What {@link DocumentStore#ingest} did. Immutable.
 *
 * @param sourceId the document's id
 * @param chunks how many chunks it now has
 * @param embedded how many chunks were sent to the embedder (0 without one, or when unchanged)
 * @param unchanged true if the text and metadata were already stored and nothing was done
 */
public record IngestResult(String sourceId, int chunks, int embedded, boolean unchanged) {}
