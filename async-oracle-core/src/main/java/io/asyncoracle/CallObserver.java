package io.asyncoracle;

/**
 * Observes each database call a pool makes: {@code execute}, {@code executeMany}, the fetch
 * shortcuts, {@code callProc}/{@code callFunc}, {@code commit}, {@code rollback}, cursor
 * {@code execute}/{@code executeMany}, and {@code acquire} (the wait for a connection). For tracing
 * and timing: the Spring Boot starter implements it with a Micrometer {@code Observation}.
 *
 * <p>The JDBC work of a call runs on one of the pool's workers, not on the thread that made the
 * call. So {@link #start} runs on the caller's thread, when the call is submitted: an
 * implementation captures what it needs from there (the current span, the logging MDC) and brings
 * it back on the worker in {@link ObservedCall#openScope()}.
 *
 * <p>Set one with {@link PoolOptions.Builder#callObserver(CallObserver)}. Without one (the
 * default) the pool does nothing per call for observation: no object, no capture, no branch
 * beyond a {@code null} check. A call refused before it is submitted (on a closed connection, or
 * with bad arguments) is not observed. Standalone connections ({@link AsyncOracle#connect}) are
 * not observed.
 */
@FunctionalInterface
public interface CallObserver {

  /**
   * A call was submitted. Runs on the caller's thread; must return quickly and must not throw (an
   * exception is logged and the call runs unobserved).
   *
   * @param call what the call is
   * @return the call's observation, or {@code null} to leave this call unobserved
   */
  ObservedCall start(DatabaseCall call);
}
