/**
 * The sandboxed file tools: path rules, no-follow resolution, reads, atomic writes and parent
 * creation.
 */
package dev.olympus.tools.internal.fs;
