/**
 * Assembling an executor: the shared services, the event sink, consent events, and the SQLite
 * stores behind the router's spend ledger and response store.
 */
package dev.olympus.executor.internal.wiring;
