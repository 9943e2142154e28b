/** The tool registry: validation, rate limits, timeouts, worker threads and function names. */
package dev.olympus.tools.internal.registry;
