/**
 * Planning: the planner, its sessions of drafting and critique, validation of drafts, and the
 * memory of approaches that failed before.
 */
package dev.olympus.executor.internal.planning;
