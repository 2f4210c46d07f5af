package io.asyncoracle;

/**
 * One observed database call, as {@link CallObserver#start} began it. The pool calls
 * {@link #openScope()} on the worker around the JDBC work, {@link #stop} once the call's outcome is
 * known (before the application's callbacks run), and {@link #restoreCallerContext()} around
 * completing the call's future, so the callbacks run with the caller's context.
 *
 * <p>A call given up from two sides (its deadline passed while the driver returned) may be
 * stopped more than once: an implementation records the first stop and ignores later ones.
 */
public interface ObservedCall {

  /**
   * Runs on the worker just before the JDBC work of the call: makes the caller's context and this
   * call current on that thread, so driver and pool logs carry the caller's trace.
   *
   * @return what undoes it, closed on the same thread once the JDBC work has returned
   */
  default Scope openScope() {
    return Scope.NOOP;
  }

  /**
   * Runs on the thread that completes the call's future: makes the caller's context current (not
   * this call, which has ended), so the callbacks the caller chained, and the calls they make,
   * belong to the caller's trace.
   *
   * @return what undoes it, closed on the same thread once the future is completed
   */
  default Scope restoreCallerContext() {
    return Scope.NOOP;
  }

  /**
   * The call ended. May run on a worker or on the pool's timer thread (a deadline).
   *
   * @param rowCount rows fetched or affected, or {@code -1} when the call has none (commit,
   *     callProc, an acquire) or failed
   * @param error why the call failed, or {@code null} when it succeeded
   */
  void stop(long rowCount, Throwable error);

  /** Something made current on a thread, undone by {@link #close()} on that thread. */
  @FunctionalInterface
  interface Scope extends AutoCloseable {

    /** The scope that does nothing. */
    Scope NOOP = () -> { };

    /** Undoes what opening the scope did. Must not throw. */
    @Override
    void close();
  }
}
