/** Facts, the entity graph and counters. */
package dev.olympus.memory.internal.facts;
