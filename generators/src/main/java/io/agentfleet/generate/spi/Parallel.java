package io.agentfleet.generate.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs independent pieces of a generation on the machine's cores: the calling thread works too, the results come
 * back in the order of the tasks (so the output never depends on which thread finished first), and the first
 * failure, in task order, is thrown as it was. With one core, or one task, everything runs on the caller.
 */
public final class Parallel implements AutoCloseable {
  private final int threads;
  private ExecutorService pool;

  /** Up to {@code threads} threads in all, the caller's included. */
  public Parallel(int threads) {
    this.threads = Math.max(1, threads);
  }

  /** As many threads as the JVM may use processors (at most 4: beyond that a generation gains nothing). */
  public static Parallel ofCores() {
    return new Parallel(Math.min(4, Runtime.getRuntime().availableProcessors()));
  }

  /** A pool that runs everything on the caller. */
  public static Parallel none() {
    return new Parallel(1);
  }

  /** Runs the tasks and answers their results in task order. */
  public <T> List<T> all(List<? extends Callable<T>> tasks) {
    if (threads == 1 || tasks.size() < 2) {
      List<T> out = new ArrayList<>(tasks.size());
      for (Callable<T> t : tasks) {
        out.add(call(t));
      }
      return out;
    }
    if (pool == null) {
      pool = Executors.newFixedThreadPool(threads - 1, r -> {
        Thread t = new Thread(r, "agentfleet-worker");
        t.setDaemon(true);
        return t;
      });
    }
    // Tasks are taken from a shared counter, so the caller and the pool's threads share them however long each is.
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    Object[] results = new Object[tasks.size()];
    Throwable[] failures = new Throwable[tasks.size()];
    Runnable worker = () -> {
      for (int i = next.getAndIncrement(); i < tasks.size(); i = next.getAndIncrement()) {
        try {
          results[i] = tasks.get(i).call();
        } catch (Throwable e) {
          failures[i] = e;
        }
      }
    };
    List<Future<?>> helpers = new ArrayList<>();
    for (int i = 0; i < Math.min(threads - 1, tasks.size() - 1); i++) {
      helpers.add(pool.submit(worker));
    }
    worker.run();
    for (Future<?> f : helpers) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while generating", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
    }
    List<T> out = new ArrayList<>(tasks.size());
    for (int i = 0; i < tasks.size(); i++) {
      if (failures[i] != null) {
        rethrow(failures[i]);
      }
      @SuppressWarnings("unchecked")
      T r = (T) results[i];
      out.add(r);
    }
    return out;
  }

  private static <T> T call(Callable<T> task) {
    try {
      return task.call();
    } catch (Exception e) {
      rethrow(e);
      return null;
    }
  }

  private static void rethrow(Throwable e) {
    if (e instanceof RuntimeException r) {
      throw r;
    }
    if (e instanceof Error err) {
      throw err;
    }
    throw new IllegalStateException(e);
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdown();
    }
  }
}
