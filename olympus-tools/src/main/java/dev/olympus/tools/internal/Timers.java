package dev.olympus.tools.internal;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Timers for watchdogs: one daemon thread that idles out, cancelled tasks dropped at once. */
public final class Timers {
  private Timers() {}

  /** Returns a timer whose thread is named {@code threadName}. */
  public static ScheduledThreadPoolExecutor daemon(String threadName) {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, threadName);
              thread.setDaemon(true);
              return thread;
            });
    executor.setKeepAliveTime(10, TimeUnit.SECONDS);
    executor.allowCoreThreadTimeOut(true);
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }
}
