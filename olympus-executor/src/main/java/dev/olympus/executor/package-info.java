/**
 * The Olympus entry point and the durable plan executor. Start with {@link
 * dev.olympus.executor.Olympus#builder()}.
 */
package dev.olympus.executor;
