/** The two-level response cache. */
package dev.olympus.memory.internal.cache;
