package io.asyncoracle;

import java.util.List;
import java.util.Map;

/**
 * What one step of a {@link Pipeline} is, as it was added: python-oracledb's {@code PipelineOp}.
 * Read it from {@link Pipeline#steps()}; the step's {@link PipelineResult} has the same index.
 *
 * @param operation the kind of step ({@code op_type})
 * @param statement the SQL of an execute or fetch step as given ({@code statement}); {@code null}
 *     for calls and commits
 * @param name the procedure or function of a call step ({@code name}); {@code null} otherwise
 * @param parameters the positional values as given ({@code parameters}): bind values of an
 *     execute or fetch step, arguments of a call, or the rows of an
 *     {@link PipelineOperation#EXECUTE_MANY} step (each a {@code List} or a {@code Map}); empty
 *     when there are none or when the values were given by name. May hold {@code null}s.
 * @param namedParameters the bind values by name of an execute or fetch step given a
 *     {@code Map} ({@code parameters} as a dict); {@code null} otherwise
 * @param keywordParameters the keyword arguments of a call step ({@code keyword_parameters});
 *     {@code null} when none were given
 * @param numRows how many rows a fetch step keeps ({@code num_rows}): 1 for
 *     {@link PipelineOperation#FETCH_ONE}, the count asked for {@link PipelineOperation#FETCH_MANY}
 *     (0 keeps none), {@link Integer#MAX_VALUE} for {@link PipelineOperation#FETCH_ALL}; 0 for
 *     the other kinds
 * @param arraySize rows per fetch round trip of a {@link PipelineOperation#FETCH_ALL} step
 *     ({@code arraysize}: the one given, else the connection's default); 0 for the other kinds
 * @param iterations how many times an {@link PipelineOperation#EXECUTE_MANY} step runs its
 *     statement (its row count, or the count given to {@code addExecuteMany(sql, n)}); 0 otherwise
 * @param returnType the Java type of a {@link PipelineOperation#CALL_FUNC} step's result
 *     ({@code return_type}); {@code null} otherwise
 * @param rowMapper the row mapper of a fetch step ({@code rowfactory}); {@code null} when rows
 *     are kept as {@link Row}s
 * @param fetchDecimals whether a fetch step reads number columns as {@link java.math.BigDecimal}
 *     ({@code fetch_decimals}: the connection's setting when the step was added)
 */
public record PipelineStep(PipelineOperation operation, String statement, String name, List<Object> parameters,
    Map<String, Object> namedParameters, Map<String, Object> keywordParameters, int numRows, int arraySize, int iterations,
    Class<?> returnType, RowMapper<?> rowMapper, boolean fetchDecimals) {

  /**
   * Creates a step description; the collections must already be read-only copies.
   *
   * @param operation the kind of step
   * @param statement the SQL, or {@code null}
   * @param name the procedure or function name, or {@code null}
   * @param parameters the positional values, not {@code null}
   * @param namedParameters the values by name, or {@code null}
   * @param keywordParameters the keyword arguments, or {@code null}
   * @param numRows rows kept by a fetch step
   * @param arraySize rows per round trip of a fetch-all step
   * @param iterations executions of an execute-many step
   * @param returnType a function's result type, or {@code null}
   * @param rowMapper the row mapper, or {@code null}
   * @param fetchDecimals whether numbers are fetched as {@code BigDecimal}
   */
  public PipelineStep {
    if (operation == null) {
      throw new InvalidArgumentException("operation", "operation must not be null");
    }
    if (parameters == null) {
      throw new InvalidArgumentException("parameters", "parameters must not be null");
    }
  }
}
