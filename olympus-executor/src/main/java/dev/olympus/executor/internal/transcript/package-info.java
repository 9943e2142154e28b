/** Exporting one plan's signed transcript from the memory store's log and checkpoint. */
package dev.olympus.executor.internal.transcript;
