/**
 * Helpers every part of the executor shares: argument checks and failure classification. The
 * executor's work lives in one subpackage per job: {@code run} (plan runs), {@code chat} (chat
 * sessions), {@code planning} (turning a goal into a plan), {@code tools} (the built-in tools and
 * the combined registry), {@code wiring} (assembling the services and their SQLite stores).
 */
package dev.olympus.executor.internal;
