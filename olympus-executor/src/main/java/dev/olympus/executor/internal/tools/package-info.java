/**
 * The built-in tools (model and memory tools) and the registry that combines them with the host's.
 */
package dev.olympus.executor.internal.tools;
