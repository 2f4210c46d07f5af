package io.asyncoracle.boot.shutdown;

import io.asyncoracle.AsyncPool;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * Closes the pool when the application context stops, after the web server has finished its
 * graceful shutdown, so requests still in flight keep their connections.
 *
 * <p>Spring stops {@link SmartLifecycle} beans from the highest phase down. Boot's web server
 * graceful shutdown runs in phase {@code DEFAULT_PHASE - 1024} and the server stops in
 * {@code DEFAULT_PHASE - 2048}; this bean's {@link #PHASE} is below both. Each phase is bounded by
 * {@code spring.lifecycle.timeout-per-shutdown-phase} (30 s by default): keep
 * {@code async-oracle.shutdown.timeout} below it, or raise it.
 *
 * <p>The close follows {@link Mode}: {@code GRACEFUL} stops admitting, lets borrowed connections
 * finish for up to the timeout, then cancels what still runs; {@code FORCE} waits for every
 * borrowed connection; {@code INTERRUPT} cancels running calls at once. If the context is
 * destroyed without being stopped (or the stop phase timed out), {@link #destroy()} closes the
 * pool with interrupt as a backstop. The core's close destroys the underlying UCP pool.
 */
public class AsyncPoolLifecycle implements SmartLifecycle, DisposableBean {

  /** Below the web server's graceful shutdown ({@code -1024}) and stop ({@code -2048}) phases. */
  public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

  /** How long {@link #destroy()} waits for an interrupting close. */
  private static final Duration BACKSTOP_WAIT = Duration.ofSeconds(10);

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
  private volatile boolean running;

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

  /** The pool is opened when its bean is created; starting only marks this bean running. */
  @Override
  public void start() {
    running = !pool.isClosed();
  }

  @Override
  public void stop() {
    CompletableFuture<Void> closed = close();
    try {
      closed.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      LOG.warn(pool.name() + " - closing the pool failed", e.getCause());
    }
  }

  @Override
  public void stop(Runnable callback) {
    close().whenComplete((ignored, error) -> {
      if (error != null) {
        LOG.warn(pool.name() + " - closing the pool failed", error);
      }
      callback.run();
    });
  }

  private CompletableFuture<Void> close() {
    running = false;
    LOG.debug(pool.name() + " - closing (" + mode + (mode == Mode.GRACEFUL ? ", timeout " + timeout : "") + ")");
    return switch (mode) {
      case GRACEFUL -> pool.close(true, false, timeout);
      case FORCE -> pool.close(true, false);
      case INTERRUPT -> pool.close(true, true);
    };
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
   * Closes the pool with interrupt if it is still open, or interrupts a close still draining
   * (the stop phase timed out), and waits a little for it.
   */
  @Override
  public void destroy() {
    running = false;
    CompletableFuture<Void> closed = pool.close(true, true);
    try {
      closed.get(BACKSTOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
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
