/** Budgets: the reservers behind the meters, a call's hold on them, and the daily ceiling. */
package dev.olympus.llm.internal.budget;
