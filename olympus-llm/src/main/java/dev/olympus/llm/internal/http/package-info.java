/** The wire: HTTP transport and the Ollama and OpenAI-compatible clients and decoders. */
package dev.olympus.llm.internal.http;
