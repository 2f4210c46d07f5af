package io.asyncoracle;

/**
 * What a {@link CallObserver} is told about a call when it starts. The names follow the
 * OpenTelemetry database semantic conventions, which a Micrometer convention maps them to.
 *
 * @param pool the pool's name
 * @param operation the API method: {@code execute}, {@code executeMany}, {@code fetchOne},
 *     {@code fetchMany}, {@code fetchAll}, {@code callProc}, {@code callFunc}, {@code commit},
 *     {@code rollback} or {@code acquire} (OpenTelemetry {@code db.operation.name})
 * @param statement the SQL text as the application wrote it, binds as placeholders and literals
 *     as written (OpenTelemetry {@code db.query.text}); {@code null} for commit, rollback, acquire
 *     and procedure calls
 * @param procedure the procedure or function name of {@code callProc}/{@code callFunc}
 *     (OpenTelemetry {@code db.stored_procedure.name}), else {@code null}
 * @param databaseSystem {@code oracle}, {@code h2}, or the driver's name in the JDBC URL
 *     (OpenTelemetry {@code db.system.name})
 * @param namespace the service name, SID or database name the URL names, or {@code null}
 *     (OpenTelemetry {@code db.namespace})
 * @param serverAddress the host the URL names, or {@code null} for an embedded database
 *     (OpenTelemetry {@code server.address})
 * @param serverPort the port the URL names, or {@code -1} (OpenTelemetry {@code server.port})
 */
public record DatabaseCall(String pool, String operation, String statement, String procedure,
    String databaseSystem, String namespace, String serverAddress, int serverPort) {

  /** {@code execute}: a statement with one set of binds, on the connection or a cursor. */
  public static final String EXECUTE = "execute";
  /** {@code executeMany}: a statement run for each of a batch of rows. */
  public static final String EXECUTE_MANY = "executeMany";
  /** {@code fetchOne}: a query read for its first row. */
  public static final String FETCH_ONE = "fetchOne";
  /** {@code fetchMany}: a query read for its first rows. */
  public static final String FETCH_MANY = "fetchMany";
  /** {@code fetchAll}: a query read to the end. */
  public static final String FETCH_ALL = "fetchAll";
  /** {@code callProc}: a stored procedure call. */
  public static final String CALL_PROC = "callProc";
  /** {@code callFunc}: a stored function call. */
  public static final String CALL_FUNC = "callFunc";
  /** {@code commit}. */
  public static final String COMMIT = "commit";
  /** {@code rollback}. */
  public static final String ROLLBACK = "rollback";
  /** {@code pipeline}: a run of {@link Pipeline} steps, observed as one call. */
  public static final String PIPELINE = "pipeline";
  /** {@code acquire}: the wait for a connection from the pool. */
  public static final String ACQUIRE = "acquire";
}
