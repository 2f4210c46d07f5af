package io.asyncoracle;

import java.util.List;

/**
 * What one step of a {@link Pipeline} produced: python-oracledb's {@code PipelineOpResult}.
 *
 * @param index the step's position in the pipeline, from 0
 * @param operation the kind of step
 * @param rows the fetched rows of a query step (at most one for {@link PipelineOperation#FETCH_ONE});
 *     empty for other steps and for a step that failed
 * @param columns the described columns of a query step; empty for other steps
 * @param rowCount rows touched by an {@link PipelineOperation#EXECUTE} or
 *     {@link PipelineOperation#EXECUTE_MANY} step (-1 when the driver does not say), rows fetched by
 *     a query step, 0 otherwise
 * @param returnValue the value a {@link PipelineOperation#CALL_FUNC} step returned, or for a
 *     {@link PipelineOperation#CALL_PROC} step the arguments after the call (a {@code List<Object>}
 *     with OUT values filled in, as {@link AsyncConnection#callProc} returns them); {@code null}
 *     otherwise
 * @param warning the warning the database or driver attached to the step (such as a PL/SQL unit
 *     created with compilation errors), or {@code null}
 * @param error why the step failed, when the pipeline ran with {@code continueOnError}; otherwise
 *     {@code null}
 * @param pipelined whether the step was sent in one pipeline with the others (Oracle Database 23ai
 *     and later through ojdbc's Reactive Extensions), {@code false} when the steps ran one after
 *     the other on the connection
 * @param mappedRows what the step's {@link RowMapper} made of each fetched row (python-oracledb's
 *     {@code rows} with a {@code rowfactory}), in order; the same as {@code rows} for a fetch step
 *     without a mapper, empty for other steps. May hold {@code null}s if the mapper returned them.
 */
public record PipelineResult(int index, PipelineOperation operation, List<Row> rows, List<ColumnDescription> columns,
    long rowCount, Object returnValue, String warning, AsyncOracleException error, boolean pipelined,
    List<Object> mappedRows) {

  /**
   * Creates a result of a step without a row mapper; the lists are copied.
   *
   * @param index the step's position
   * @param operation the kind of step
   * @param rows the fetched rows, or {@code null} for none
   * @param columns the described columns, or {@code null} for none
   * @param rowCount rows touched or fetched
   * @param returnValue the call's value, or {@code null}
   * @param warning the step's warning, or {@code null}
   * @param error the step's error, or {@code null}
   * @param pipelined whether the step was pipelined
   */
  public PipelineResult(int index, PipelineOperation operation, List<Row> rows, List<ColumnDescription> columns,
      long rowCount, Object returnValue, String warning, AsyncOracleException error, boolean pipelined) {
    this(index, operation, rows, columns, rowCount, returnValue, warning, error, pipelined, null);
  }

  /**
   * Creates a result; the lists are copied, so a result stays as it was delivered.
   *
   * @param index the step's position
   * @param operation the kind of step
   * @param rows the fetched rows, or {@code null} for none
   * @param columns the described columns, or {@code null} for none
   * @param rowCount rows touched or fetched
   * @param returnValue the call's value, or {@code null}
   * @param warning the step's warning, or {@code null}
   * @param error the step's error, or {@code null}
   * @param pipelined whether the step was pipelined
   * @param mappedRows the mapper's values, or {@code null} for the rows themselves
   */
  public PipelineResult {
    rows = rows == null ? List.of() : List.copyOf(rows);
    columns = columns == null ? List.of() : List.copyOf(columns);
    mappedRows = mappedRows == null ? List.copyOf(rows)
        : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(mappedRows));
  }

  /**
   * The mapped rows as a type, for a step added with a {@link RowMapper}.
   *
   * @param type the mapper's result type
   * @param <T> the type
   * @return the values, read-only
   * @throws ClassCastException if a value is of another type
   */
  public <T> List<T> mappedRows(Class<T> type) {
    for (Object value : mappedRows) {
      if (value != null) {
        type.cast(value);
      }
    }
    @SuppressWarnings("unchecked")
    List<T> typed = (List<T>) mappedRows;
    return typed;
  }

  /**
   * Whether the step failed (possible only with {@code continueOnError}).
   *
   * @return {@code true} when {@link #error()} is set
   */
  public boolean failed() {
    return error != null;
  }

  /**
   * The first fetched row, for a {@link PipelineOperation#FETCH_ONE} step.
   *
   * @return the row, or {@code null} when the query returned none
   */
  public Row row() {
    return rows.isEmpty() ? null : rows.get(0);
  }

  /**
   * The return value converted to a type.
   *
   * @param type the expected type
   * @param <T> the type
   * @return the value, or {@code null}
   * @throws ClassCastException if the value is of another type
   */
  public <T> T returnValue(Class<T> type) {
    return type.cast(returnValue);
  }
}
