package io.asyncoracle.bench.contender;

import io.asyncoracle.bench.workload.Call;
import java.util.concurrent.ThreadFactory;

/** A contender whose callers are threads that block until their call is done. */
public non-sealed interface BlockingClient extends Client {

  /**
   * Runs a call on the calling thread.
   *
   * @param call the call
   * @return the row ({@code Object[]}) for a query, the update count for an insert
   * @throws Exception on failure
   */
  Object execute(Call call) throws Exception;

  /**
   * Makes the caller threads: one per concurrent caller.
   *
   * @return the factory
   */
  ThreadFactory callerThreads();

  /**
   * Whether the caller threads are platform threads (each with an OS thread and stack).
   *
   * @return {@code true} unless the callers are virtual threads
   */
  default boolean platformThreads() {
    return true;
  }
}
