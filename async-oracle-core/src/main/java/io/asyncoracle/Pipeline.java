package io.asyncoracle;

import java.util.List;
import java.util.Map;
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
   * Adds a statement run for its effect (DML, DDL, PL/SQL): {@code add_execute}. Placeholders
   * may be {@code ?}, {@code :1} or {@code :name} (values by position: in SQL one per occurrence,
   * in PL/SQL one per distinct name), on every driver, as the connection's own calls take them.
   *
   * @param sql the statement
   * @param params positional bind values
   * @return this pipeline
   * @throws InvalidArgumentException if the statement is blank or the values do not match its placeholders
   */
  Pipeline addExecute(String sql, Object... params);

  /**
   * Adds a statement run for its effect, with values by name: {@code add_execute(sql, dict)}.
   *
   * @param sql the statement, with {@code :name} placeholders
   * @param params the values by name (unquoted names ignore case)
   * @return this pipeline
   * @throws InvalidArgumentException if a placeholder has no value or a value no placeholder
   */
  Pipeline addExecute(String sql, Map<String, ?> params);

  /**
   * Adds a statement without binds run {@code numIterations} times in one batch:
   * {@code add_executemany(sql, n)}. Zero runs nothing.
   *
   * @param sql the statement, without placeholders
   * @param numIterations how many times to run it, 0 or more
   * @return this pipeline
   * @throws InvalidArgumentException if the statement has placeholders or the count is negative
   */
  Pipeline addExecuteMany(String sql, int numIterations);

  /**
   * Adds a statement run once per row of bind values in one batch: {@code add_executemany}.
   *
   * @param sql the statement
   * @param rows one {@code List} of values by position or one {@code Map} of values by name per execution
   * @return this pipeline
   * @throws InvalidArgumentException if the rows do not match the statement
   */
  Pipeline addExecuteMany(String sql, List<?> rows);

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
   * Adds a query whose first row is kept, with values by name: {@code add_fetchone(sql, dict)}.
   *
   * @param sql the query
   * @param params the values by name
   * @return this pipeline
   * @throws InvalidArgumentException if the query is blank or the values do not match it
   */
  Pipeline addFetchOne(String sql, Map<String, ?> params);

  /**
   * Adds a query whose first row is kept and mapped: {@code add_fetchone(sql, params, rowfactory=)}.
   * The result's {@link PipelineResult#mappedRows()} holds what the mapper returned.
   *
   * @param sql the query
   * @param mapper maps the row, on the worker that reads it
   * @param params positional bind values
   * @return this pipeline
   * @throws InvalidArgumentException if an argument is wrong
   */
  Pipeline addFetchOne(String sql, RowMapper<?> mapper, Object... params);

  /**
   * Adds a query whose first row is kept and mapped, with values by name.
   *
   * @param sql the query
   * @param mapper maps the row
   * @param params the values by name
   * @return this pipeline
   * @throws InvalidArgumentException if an argument is wrong
   */
  Pipeline addFetchOne(String sql, RowMapper<?> mapper, Map<String, ?> params);

  /**
   * Adds a query whose first {@code numRows} rows are kept: {@code add_fetchmany}. Zero keeps
   * none (the query still runs).
   *
   * @param sql the query
   * @param numRows how many rows to keep, 0 or more
   * @param params positional bind values
   * @return this pipeline
   * @throws InvalidArgumentException if the arguments are wrong or {@code numRows} is negative
   */
  Pipeline addFetchMany(String sql, int numRows, Object... params);

  /**
   * Adds a query without binds whose first rows, as many as the connection's array size, are
   * kept: {@code add_fetchmany(sql)}.
   *
   * @param sql the query
   * @return this pipeline
   * @throws InvalidArgumentException if the query is blank or has placeholders
   */
  Pipeline addFetchMany(String sql);

  /**
   * Adds a query whose first {@code numRows} rows are kept, with values by name.
   *
   * @param sql the query
   * @param numRows how many rows to keep, 0 or more
   * @param params the values by name
   * @return this pipeline
   * @throws InvalidArgumentException if an argument is wrong
   */
  Pipeline addFetchMany(String sql, int numRows, Map<String, ?> params);

  /**
   * Adds a query whose first {@code numRows} rows are kept and mapped:
   * {@code add_fetchmany(sql, params, num_rows, rowfactory=)}.
   *
   * @param sql the query
   * @param numRows how many rows to keep, 0 or more
   * @param mapper maps each row
   * @param params positional bind values
   * @return this pipeline
   * @throws InvalidArgumentException if an argument is wrong
   */
  Pipeline addFetchMany(String sql, int numRows, RowMapper<?> mapper, Object... params);

  /**
   * Adds a query whose first {@code numRows} rows are kept and mapped, with values by name.
   *
   * @param sql the query
   * @param numRows how many rows to keep, 0 or more
   * @param mapper maps each row
   * @param params the values by name
   * @return this pipeline
   * @throws InvalidArgumentException if an argument is wrong
   */
  Pipeline addFetchMany(String sql, int numRows, RowMapper<?> mapper, Map<String, ?> params);

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
   * Adds a query whose rows are all kept, with values by name: {@code add_fetchall(sql, dict)}.
   *
   * @param sql the query
   * @param params the values by name
   * @return this pipeline
   * @throws InvalidArgumentException if an argument is wrong
   */
  Pipeline addFetchAll(String sql, Map<String, ?> params);

  /**
   * Adds a query whose rows are all kept and mapped: {@code add_fetchall(sql, params, rowfactory=)}.
   *
   * @param sql the query
   * @param mapper maps each row
   * @param params positional bind values
   * @return this pipeline
   * @throws InvalidArgumentException if an argument is wrong
   */
  Pipeline addFetchAll(String sql, RowMapper<?> mapper, Object... params);

  /**
   * Adds a query whose rows are all kept and mapped, with values by name.
   *
   * @param sql the query
   * @param mapper maps each row
   * @param params the values by name
   * @return this pipeline
   * @throws InvalidArgumentException if an argument is wrong
   */
  Pipeline addFetchAll(String sql, RowMapper<?> mapper, Map<String, ?> params);

  /**
   * Adds a query whose rows are all kept, fetched {@code arraySize} rows per round trip:
   * {@code add_fetchall(sql, params, arraysize=, rowfactory=)}.
   *
   * @param sql the query
   * @param params positional bind values, or {@code null} for none
   * @param arraySize rows per round trip, 1 or more
   * @param mapper maps each row, or {@code null} to keep {@link Row}s
   * @return this pipeline
   * @throws InvalidArgumentException if an argument is wrong
   */
  Pipeline addFetchAll(String sql, List<?> params, int arraySize, RowMapper<?> mapper);

  /**
   * Adds a query whose rows are all kept, fetched {@code arraySize} rows per round trip, with
   * values by name.
   *
   * @param sql the query
   * @param params the values by name
   * @param arraySize rows per round trip, 1 or more
   * @param mapper maps each row, or {@code null} to keep {@link Row}s
   * @return this pipeline
   * @throws InvalidArgumentException if an argument is wrong
   */
  Pipeline addFetchAll(String sql, Map<String, ?> params, int arraySize, RowMapper<?> mapper);

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
   * Adds a stored procedure call with keyword arguments:
   * {@code add_callproc(name, parameters, keyword_parameters)}. The arguments are bound as
   * {@link AsyncConnection#callProc(String, List, Map)} binds them (named notation on Oracle); the
   * step's {@link PipelineResult#returnValue()} holds the positional arguments after the call,
   * then the keyword ones in the map's order.
   *
   * @param name the procedure name, optionally qualified
   * @param params the positional arguments, or {@code null} for none
   * @param keywordParams the arguments by parameter name, or {@code null} for none
   * @return this pipeline
   * @throws InvalidArgumentException if the name or a keyword is not a name
   */
  Pipeline addCallProc(String name, List<?> params, Map<String, ?> keywordParams);

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
   * Adds a stored function call with keyword arguments:
   * {@code add_callfunc(name, return_type, parameters, keyword_parameters)}.
   *
   * @param name the function name, optionally qualified
   * @param returnType the Java type of the result
   * @param params the positional IN arguments, or {@code null} for none
   * @param keywordParams the IN arguments by parameter name, or {@code null} for none
   * @return this pipeline
   * @throws InvalidArgumentException if the name, a keyword or the type is wrong
   */
  Pipeline addCallFunc(String name, Class<?> returnType, List<?> params, Map<String, ?> keywordParams);

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
   * The steps added so far, in order, each described as python-oracledb's {@code PipelineOp}
   * describes it (kind, statement, name, parameters, rows, array size, return type, row mapper).
   *
   * @return the steps, read-only
   */
  List<PipelineStep> steps();

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
   * {@code cancel(true)} breaks the step that is running and runs no further step, with or
   * without continueOnError; a commit step is never sent once the run was cancelled or timed out.
   * Whatever the steps that reached the database wrote and did not commit stays in the open
   * transaction, and is rolled back when the connection is released (unless the application
   * commits it).
   *
   * @param continueOnError whether a failed step is reported in its result and the next steps
   *     still run; when {@code false}, the future fails with {@link PipelineException} and no
   *     later step runs
   * @return a future of one result per step, in order
   */
  CompletableFuture<List<PipelineResult>> run(boolean continueOnError);
}
