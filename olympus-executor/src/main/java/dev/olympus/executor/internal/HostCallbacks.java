package dev.olympus.executor.internal;

/**
 * What may escape a host's callback (a listener): only a failing JVM. A listener that throws an
 * {@link Error} (a host test's failed assertion, a missing class) is logged and ignored like one
 * that throws a runtime exception, so it cannot fail a step, leave a run without its next step or
 * keep events from the other listeners.
 */
public final class HostCallbacks {
  private HostCallbacks() {}

  /**
   * Rethrows {@code thrown} if it says the JVM itself is failing (a {@link VirtualMachineError}
   * such as running out of memory; not a stack overflow, which has unwound by now); returns
   * otherwise, for the caller to log it and go on.
   */
  public static void rethrowIfFatal(Throwable thrown) {
    if (thrown instanceof VirtualMachineError fatal && !(fatal instanceof StackOverflowError)) {
      throw fatal;
    }
  }
}
