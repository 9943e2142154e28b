/**
 * Signed plan transcripts: one plan's complete record (the plan, every event with its chain links,
 * the final snapshot) as canonical JSON signed with Ed25519, and the offline check of one, which
 * needs nothing but this module and Jackson.
 */
package dev.olympus.plan.transcript;
