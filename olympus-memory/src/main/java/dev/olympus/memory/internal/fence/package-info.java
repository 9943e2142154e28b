/**
 * The fencing check that every fenced write runs first in its transaction: the checkpoint updates
 * and the event appends alike. Its own package, so neither of theirs depends on the other for it.
 */
package dev.olympus.memory.internal.fence;
