/** Documents: writing, keyword and vector search, the vector index's lifecycle, chunking. */
package dev.olympus.memory.internal.documents;
