package io.asyncoracle.boot.shutdown;

import io.asyncoracle.AsyncPool;
import io.asyncoracle.PoolStats;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * Closes the pool when the application context closes, after the web server has finished its
 * graceful shutdown, so requests still in flight keep their connections; suspends it when the
 * context is only stopped or paused, and resumes it when the context starts again.
 *
 * <p>Why stopping is not closing: Spring Framework 7's test context cache pauses the contexts it
 * is not using ({@code ConfigurableApplicationContext.pause()}) and restarts them when a test needs
 * them again, and Spring's checkpoint/restore support (CRaC, {@code spring.context.checkpoint})
 * stops every bean before a checkpoint and starts them after the restore. A pool closed then would
 * be closed for good. So a stop while the context is not closing {@linkplain AsyncPool#suspend
 * suspends} the pool: no connection to the database stays open (a checkpoint must not hold
 * sockets; a paused test context should not hold sessions), acquires made meanwhile wait, and
 * {@link #start()} {@linkplain AsyncPool#resume() resumes} it. Only a stop that is part of closing
 * the context ({@link ConfigurableApplicationContext#isClosed()} is already true then) closes the
 * pool. Built outside a context, every stop closes.
 *
 * <p>Spring stops {@link SmartLifecycle} beans from the highest phase down. Boot's web server
 * graceful shutdown runs in phase {@code DEFAULT_PHASE - 1024} and the server stops in
 * {@code DEFAULT_PHASE - 2048}; this bean's {@link #PHASE} is below both. Each phase is bounded by
 * {@code spring.lifecycle.timeout-per-shutdown-phase} (30 s by default); the drain timeout
 * ({@code async-oracle.shutdown.timeout}) defaults to that minus {@link #INTERRUPT_MARGIN}, so the
 * interrupt that ends a graceful drain also finishes inside the phase.
 *
 * <p>The close follows {@link Mode}: {@code GRACEFUL} stops admitting, lets borrowed connections
 * finish for up to the timeout, then cancels what still runs; {@code FORCE} waits for every
 * borrowed connection; {@code INTERRUPT} cancels running calls at once. A suspension takes borrowed
 * connections back the same way (graceful: after the timeout; force: never; interrupt: at once). If
 * the context is destroyed without being stopped (or the stop phase timed out), {@link #destroy()}
 * closes the pool with interrupt as a backstop. The core's close destroys the underlying UCP pool.
 */
public class AsyncPoolLifecycle implements SmartLifecycle, DisposableBean, ApplicationContextAware {

  /** Below the web server's graceful shutdown ({@code -1024}) and stop ({@code -2048}) phases. */
  public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

  /**
   * What a graceful close needs after its drain timeout, inside the shutdown phase: the cancel of
   * every running call, the grace a call gets to answer it (0.5 s) and UCP's destroy (up to
   * 0.3 s), with room to spare on a loaded machine.
   */
  public static final Duration INTERRUPT_MARGIN = Duration.ofSeconds(2);

  /** How long {@link #destroy()} waits for an interrupting close. */
  private static final Duration BACKSTOP_WAIT = Duration.ofSeconds(10);

  /** How long {@link #start()} waits for a suspended pool to resume. */
  private static final Duration RESUME_WAIT = Duration.ofSeconds(30);

  /** How long {@link #stop()} waits for a suspension when Spring calls it without a callback. */
  private static final Duration INTERRUPT_NOW = Duration.ofMillis(1);

  private static final Log LOG = LogFactory.getLog(AsyncPoolLifecycle.class);

  /** How the pool is closed. */
  public enum Mode {
    /** {@code close(force=true, interrupt=false, timeout)}: drain for up to the timeout, then interrupt. */
    GRACEFUL,
    /** {@code close(force=true, interrupt=false)}: wait for every borrowed connection. */
    FORCE,
    /** {@code close(force=true, interrupt=true)}: cancel running calls at once. */
    INTERRUPT
  }

  private final AsyncPool pool;
  private final Mode mode;
  private final Duration timeout;
  private volatile ApplicationContext context;
  private volatile boolean running;
  private final java.util.concurrent.atomic.AtomicBoolean closeLogged = new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * Creates the lifecycle.
   *
   * @param pool the pool to close
   * @param mode how to close it
   * @param timeout how long {@link Mode#GRACEFUL} drains before interrupting
   */
  public AsyncPoolLifecycle(AsyncPool pool, Mode mode, Duration timeout) {
    this.pool = pool;
    this.mode = mode;
    this.timeout = timeout;
  }

  @Override
  public void setApplicationContext(ApplicationContext applicationContext) {
    this.context = applicationContext;
  }

  /**
   * The pool is opened when its bean is created; starting marks this bean running, and resumes
   * the pool if a stop (a pause, a checkpoint) suspended it.
   */
  @Override
  public void start() {
    if (pool.isSuspended()) {
      LOG.debug(pool.name() + " - resuming");
      try {
        pool.resume().get(RESUME_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        // Resumed all the same: the pool opens its connections when they are next needed.
        LOG.warn(pool.name() + " - the pool was resumed but could not reconnect yet: " + e);
      }
    }
    running = !pool.isClosed();
  }

  @Override
  public void stop() {
    CompletableFuture<Void> stopped = stopping();
    try {
      stopped.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      LOG.warn(pool.name() + " - stopping the pool failed", e.getCause());
    }
  }

  @Override
  public void stop(Runnable callback) {
    stopping().whenComplete((ignored, error) -> {
      if (error != null) {
        LOG.warn(pool.name() + " - stopping the pool failed", error);
      }
      callback.run();
    });
  }

  /** Closes the pool when the context closes; otherwise suspends it. */
  private CompletableFuture<Void> stopping() {
    running = false;
    if (pool.isClosed()) {
      return CompletableFuture.completedFuture(null);
    }
    return contextIsClosing() ? close() : suspend();
  }

  private boolean contextIsClosing() {
    ApplicationContext current = context;
    // Outside a context (or one that cannot say), a stop is the end.
    return !(current instanceof ConfigurableApplicationContext configurable) || configurable.isClosed();
  }

  private CompletableFuture<Void> suspend() {
    Duration takeBackAfter = switch (mode) {
      case GRACEFUL -> timeout.isZero() ? INTERRUPT_NOW : timeout;
      case FORCE -> Duration.ZERO;
      case INTERRUPT -> INTERRUPT_NOW;
    };
    LOG.debug(pool.name() + " - the context stopped without closing: suspending the pool");
    return pool.suspend(takeBackAfter);
  }

  private CompletableFuture<Void> close() {
    LOG.debug(pool.name() + " - closing (" + mode + (mode == Mode.GRACEFUL ? ", timeout " + timeout : "") + ")");
    PoolStats atStart = pool.stats();
    long start = System.nanoTime();
    CompletableFuture<Void> closed = switch (mode) {
      case GRACEFUL -> pool.close(true, false, timeout);
      case FORCE -> pool.close(true, false);
      case INTERRUPT -> pool.close(true, true);
    };
    return closed.whenComplete((ignored, error) -> {
      if (error == null) {
        logClosed(mode.name().toLowerCase(java.util.Locale.ROOT), atStart, start);
      }
    });
  }

  /**
   * The one INFO line that says the pool is closed: how, how long it took, and its state when the
   * close began (what the close had to drain or cancel). Once, whichever of stop and destroy closed it.
   */
  private void logClosed(String how, PoolStats atStart, long startNanos) {
    if (closeLogged.compareAndSet(false, true)) {
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
      LOG.info(pool.name() + " - closed (" + how + ") in " + millis + " ms; when the close began: " + atStart);
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  @Override
  public boolean isAutoStartup() {
    return true;
  }

  /**
   * The drain timeout of a graceful close.
   *
   * @return the timeout
   */
  public Duration getTimeout() {
    return timeout;
  }

  /**
   * Closes the pool with interrupt if it is still open, or interrupts a close still draining
   * (the stop phase timed out), and waits a little for it.
   */
  @Override
  public void destroy() {
    running = false;
    boolean wasOpen = !pool.isClosed();
    PoolStats atStart = pool.stats();
    long start = System.nanoTime();
    CompletableFuture<Void> closed = pool.close(true, true);
    try {
      closed.get(BACKSTOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (wasOpen) {
        logClosed("interrupt, on destroy", atStart, start);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn(pool.name() + " - the pool did not close cleanly on destroy: " + e);
    }
  }

  @Override
  public String toString() {
    return "AsyncPoolLifecycle[" + pool.name() + ", " + mode + ", " + timeout + "]";
  }
}
