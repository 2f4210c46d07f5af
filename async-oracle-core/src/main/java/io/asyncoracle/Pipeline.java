package io.asyncoracle;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Independent statements to run on one connection as one call: python-oracledb's
 * {@code Pipeline} ({@code oracledb.create_pipeline()}, run by {@code run_pipeline}). Get one from
 * {@link AsyncConnection#pipeline()}, add steps, then {@link #run(boolean)} it.
 *
 * <p>On Oracle Database 23ai and later, with ojdbc's Reactive Extensions, every step is sent
 * before any answer is read: the whole pipeline costs about one round trip (queries whose rows do
 * not fit in the first fetch, and LOBs, take more). Setting the system property
 * {@code oracle.jdbc.disablePipeline=true} turns that off. Everywhere else (older Oracle, H2, other
 * drivers) the steps run one after the other on the connection, still in one hand-off to a worker;
 * each {@link PipelineResult#pipelined()} then says {@code false}.
 *
 * <p>Steps must not depend on each other's results: a query cannot read the OUT value of an
 * earlier step. Adding steps is synchronous and checks their arguments at once; nothing is sent
 * before {@code run}. A pipeline may be run more than once; steps added after a run belong to the
 * next run only. Not safe for concurrent use while steps are being added.
 */
public interface Pipeline {

  /**
   * Adds a statement run for its effect (DML, DDL, PL/SQL): {@code add_execute}.
   *
   * @param sql the statement
   * @param params positional bind values
   * @return this pipeline
   * @throws InvalidArgumentException if the statement is blank or the values do not match its placeholders
   */
  Pipeline addExecute(String sql, Object... params);

  /**
   * Adds a statement run once per row of bind values in one batch: {@code add_executemany}.
   *
   * @param sql the statement
   * @param rows one list of bind values per execution
   * @return this pipeline
   * @throws InvalidArgumentException if the rows do not match the statement
   */
  Pipeline addExecuteMany(String sql, List<? extends List<?>> rows);

  /**
   * Adds a query whose first row is kept: {@code add_fetchone}.
   *
   * @param sql the query
   * @param params positional bind values
   * @return this pipeline
   * @throws InvalidArgumentException if the query is blank or the values do not match it
   */
  Pipeline addFetchOne(String sql, Object... params);

  /**
   * Adds a query whose first {@code numRows} rows are kept: {@code add_fetchmany}.
   *
   * @param sql the query
   * @param numRows how many rows to keep, at least 1
   * @param params positional bind values
   * @return this pipeline
   * @throws InvalidArgumentException if the arguments are wrong
   */
  Pipeline addFetchMany(String sql, int numRows, Object... params);

  /**
   * Adds a query whose rows are all kept: {@code add_fetchall}.
   *
   * @param sql the query
   * @param params positional bind values
   * @return this pipeline
   * @throws InvalidArgumentException if the query is blank or the values do not match it
   */
  Pipeline addFetchAll(String sql, Object... params);

  /**
   * Adds a stored procedure call: {@code add_callproc}. OUT and IN OUT arguments are
   * {@link OutParameter}s; the step's {@link PipelineResult#returnValue()} holds the arguments after the call.
   *
   * @param name the procedure name, optionally qualified
   * @param params the arguments
   * @return this pipeline
   * @throws InvalidArgumentException if the name is not a procedure name
   */
  Pipeline addCallProc(String name, Object... params);

  /**
   * Adds a stored function call: {@code add_callfunc}. The step's {@link PipelineResult#returnValue()}
   * holds the function's result.
   *
   * @param name the function name, optionally qualified
   * @param returnType the Java type of the result
   * @param params the IN arguments
   * @return this pipeline
   * @throws InvalidArgumentException if the name is not a function name or the type is missing
   */
  Pipeline addCallFunc(String name, Class<?> returnType, Object... params);

  /**
   * Adds a commit of the transaction: {@code add_commit}.
   *
   * @return this pipeline
   */
  Pipeline addCommit();

  /**
   * The steps added so far, in order.
   *
   * @return their kinds
   */
  List<PipelineOperation> operations();

  /**
   * Runs the steps, stopping at the first failure: {@code run_pipeline(pipeline)}.
   *
   * @return a future of one result per step, in order; it fails with {@link PipelineException}
   *     naming the failed step
   */
  default CompletableFuture<List<PipelineResult>> run() {
    return run(false);
  }

  /**
   * Runs the steps: {@code run_pipeline(pipeline, continue_on_error)}. The connection's call
   * timeout covers the whole pipeline. Cancelling the returned future with
   * {@code cancel(true)} breaks the step that is running and runs no further step.
   *
   * @param continueOnError whether a failed step is reported in its result and the next steps
   *     still run; when {@code false}, the future fails with {@link PipelineException} and no
   *     later step runs
   * @return a future of one result per step, in order
   */
  CompletableFuture<List<PipelineResult>> run(boolean continueOnError);
}
