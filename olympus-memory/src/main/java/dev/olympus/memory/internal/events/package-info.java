/** The event log and its hash chain: encoding, appending, redaction, verification. */
package dev.olympus.memory.internal.events;
