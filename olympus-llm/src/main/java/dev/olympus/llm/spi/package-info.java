/**
 * The extension point for model providers: implement {@link dev.olympus.llm.spi.LlmProvider} to
 * plug a model server the SDK does not ship a client for into the {@link
 * dev.olympus.llm.LlmRouter}. The router adds retries, circuit breaking, budgets, caching and
 * metrics around every provider, built-in or not.
 */
package dev.olympus.llm.spi;
