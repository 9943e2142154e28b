/**
 * The router's extension points. Implement {@link dev.olympus.llm.spi.LlmProvider} to plug a model
 * server the SDK does not ship a client for into the {@link dev.olympus.llm.LlmRouter}; the router
 * adds retries, circuit breaking, budgets, caching and metrics around every provider, built-in or
 * not. Implement {@link dev.olympus.llm.spi.SpendLedger} and {@link
 * dev.olympus.llm.spi.ResponseStore} to keep the day's spending and cached answers beyond the
 * process (olympus-executor ships both on a memory store's SQLite file).
 */
package dev.olympus.llm.spi;
