/**
 * Running plans: the executor, one runner per plan run, step attempts, the run journal and its
 * commits, budgets, and the cross-process ownership of plans.
 */
package dev.olympus.executor.internal.run;
