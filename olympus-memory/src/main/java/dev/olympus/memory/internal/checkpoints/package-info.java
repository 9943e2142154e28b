/** Plan checkpoints and the leases that fence them. */
package dev.olympus.memory.internal.checkpoints;
