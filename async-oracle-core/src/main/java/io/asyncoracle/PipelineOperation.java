package io.asyncoracle;

/**
 * The kind of one step of a {@link Pipeline}: python-oracledb's {@code PipelineOpType}.
 */
public enum PipelineOperation {
  /** A statement run for its effect: DML, DDL or PL/SQL ({@code add_execute}). */
  EXECUTE,
  /** A statement run once per row of bind values, in one batch ({@code add_executemany}). */
  EXECUTE_MANY,
  /** A query of which the first row is kept ({@code add_fetchone}). */
  FETCH_ONE,
  /** A query of which the first {@code numRows} rows are kept ({@code add_fetchmany}). */
  FETCH_MANY,
  /** A query of which every row is kept ({@code add_fetchall}). */
  FETCH_ALL,
  /** A stored procedure call ({@code add_callproc}). */
  CALL_PROC,
  /** A stored function call ({@code add_callfunc}). */
  CALL_FUNC,
  /** A commit of the transaction ({@code add_commit}). */
  COMMIT
}
