package io.asyncoracle.bench.contender;

import io.asyncoracle.bench.workload.Call;
import java.util.concurrent.CompletionStage;

/** A contender with an asynchronous API: a call returns at once with a stage of its result. */
public non-sealed interface AsyncClient extends Client {

  /**
   * Starts a call. Must not block the calling thread waiting for the database.
   *
   * @param call the call
   * @return a stage completing with the row ({@code Object[]}) for a query, the update count for an insert
   */
  CompletionStage<Object> execute(Call call);
}
