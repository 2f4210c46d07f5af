package io.asyncoracle;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * A database connection whose calls return {@link CompletableFuture}s: the Java form of
 * python-oracledb's {@code AsyncConnection}. Obtain one from {@link AsyncPool#acquire()} or
 * {@link AsyncOracle#connect(String, String, String)}.
 *
 * <p>Calls run one at a time, in the order they are made, on the pool's workers; no caller thread
 * blocks. Autocommit is off, as in the reference: commit explicitly. {@link #close()} returns a
 * pooled connection to its pool after rolling back uncommitted work.
 *
 * <p>Features marked <em>Oracle only</em> fail with {@link UnsupportedFeatureException} on other
 * databases (such as the embedded H2 default).
 *
 * <p>Bind placeholders are JDBC's {@code ?} or Oracle's {@code :name} and {@code :1}, with values
 * by position ({@code Object...}, a {@link List}) or by name (a {@link Map}), as on
 * {@link AsyncCursor}. Every method of a closed connection fails with {@link AsyncOracleException}
 * (asynchronous ones through their future), except {@link #close()}, {@link #isClosed()} and
 * {@link #isHealthy()} (then {@code false}).
 */
public interface AsyncConnection {

  // ---- cursors and statements -------------------------------------------------------------

  /**
   * Creates a forward-only cursor. Synchronous: no round trip.
   *
   * @return the cursor
   */
  AsyncCursor cursor();

  /**
   * Creates a cursor. Synchronous: no round trip.
   *
   * @param scrollable whether the cursor can {@link AsyncCursor#scroll(int, ScrollMode) scroll}
   * @return the cursor
   */
  AsyncCursor cursor(boolean scrollable);

  /**
   * Executes a statement and closes it.
   *
   * @param sql the statement
   * @param params positional bind values
   * @return a future of the number of rows touched (0 for DDL and queries)
   */
  CompletableFuture<Long> execute(String sql, Object... params);

  /**
   * Executes a statement once per parameter row in one batch, and closes it. An empty list runs
   * nothing (no round trip) and succeeds.
   *
   * @param sql the statement
   * @param rows one {@link List} (by position) or {@link Map} (by name) of bind values per execution
   * @return a future of the total number of rows touched
   */
  CompletableFuture<Long> executeMany(String sql, List<?> rows);

  /**
   * Executes an insert (or another statement that generates keys), closes it, and returns the
   * keys the database generated: JDBC's {@code getGeneratedKeys}. On Oracle name the key columns
   * (for example an identity column); without names Oracle returns each row's {@code ROWID}.
   *
   * @param sql the statement
   * @param keyColumns the names of the generated columns to return; empty for the driver's default
   * @param params positional bind values
   * @return a future of the row count and the generated keys, one {@link Row} per row
   */
  CompletableFuture<GeneratedKeys> executeReturningKeys(String sql, List<String> keyColumns, Object... params);

  /**
   * Runs a query and returns its first row.
   *
   * @param sql the query
   * @param params positional bind values
   * @return a future of the first row, or of {@code null} if there is none
   */
  CompletableFuture<Row> fetchOne(String sql, Object... params);

  /**
   * Runs a query and maps its first row.
   *
   * @param sql the query
   * @param mapper turns the row into an object
   * @param params positional bind values
   * @param <T> the mapped type
   * @return a future of the mapped row, or of {@code null} if there is none
   */
  <T> CompletableFuture<T> fetchOne(String sql, RowMapper<T> mapper, Object... params);

  /**
   * Runs a query and returns up to {@code numRows} rows.
   *
   * @param sql the query
   * @param numRows the maximum number of rows; 0 or less returns no rows, as in the reference
   * @param params positional bind values
   * @return a future of the rows
   */
  CompletableFuture<List<Row>> fetchMany(String sql, int numRows, Object... params);

  /**
   * Runs a query and maps up to {@code numRows} rows.
   *
   * @param sql the query
   * @param numRows the maximum number of rows; 0 or less returns no rows
   * @param mapper turns each row into an object
   * @param params positional bind values
   * @param <T> the mapped type
   * @return a future of the mapped rows
   */
  <T> CompletableFuture<List<T>> fetchMany(String sql, int numRows, RowMapper<T> mapper, Object... params);

  /**
   * Runs a query and returns all its rows.
   *
   * @param sql the query
   * @param params positional bind values
   * @return a future of the rows
   */
  CompletableFuture<List<Row>> fetchAll(String sql, Object... params);

  /**
   * Runs a query and maps all its rows.
   *
   * @param sql the query
   * @param mapper turns each row into an object
   * @param params positional bind values
   * @param <T> the mapped type
   * @return a future of the mapped rows
   */
  <T> CompletableFuture<List<T>> fetchAll(String sql, RowMapper<T> mapper, Object... params);

  /**
   * Runs a query when subscribed and streams its rows with backpressure (see
   * {@link AsyncCursor#stream()}); the statement is closed when the stream completes, fails or
   * is cancelled.
   *
   * @param sql the query
   * @param params positional bind values
   * @return a publisher of the rows
   */
  Flow.Publisher<Row> stream(String sql, Object... params);

  /**
   * Calls a stored function.
   *
   * @param name the function name, optionally qualified ({@code pkg.fn}, {@code schema.pkg.fn})
   * @param returnType the Java type of the return value; on Oracle one with a SQL type (see
   *     {@link OutParameter#out(Class)}), so not {@code Object}: others fail with {@link InvalidArgumentException}
   * @param params the IN arguments
   * @param <T> the return type
   * @return a future of the function's result
   */
  <T> CompletableFuture<T> callFunc(String name, Class<T> returnType, Object... params);

  /**
   * Calls a stored procedure. OUT and IN OUT arguments are passed as {@link OutParameter}s.
   *
   * @param name the procedure name, optionally qualified
   * @param params the arguments
   * @return a future of the arguments after the call: IN values as given, OUT values as returned
   */
  CompletableFuture<List<Object>> callProc(String name, Object... params);

  // ---- pipelines ----------------------------------------------------------------------------

  /**
   * Starts a pipeline of independent steps to run on this connection as one call:
   * python-oracledb's {@code create_pipeline()} and {@code run_pipeline()}. On Oracle Database
   * 23ai and later the steps go to the database in one round trip; elsewhere they run one after the
   * other in one worker task. Synchronous: nothing is sent before {@link Pipeline#run(boolean)}.
   *
   * @return an empty pipeline bound to this connection
   */
  Pipeline pipeline();

  // ---- python-oracledb parity: named binds, shortcuts, keyword parameters, LOBs ------------

  /**
   * Executes a statement with values bound by name ({@code :name} placeholders) and closes it.
   *
   * @param sql the statement
   * @param params the values by name, without the colon
   * @return a future of the number of rows touched (0 for DDL and queries)
   */
  CompletableFuture<Long> execute(String sql, Map<String, ?> params);

  /**
   * Runs a query with values bound by name and returns its first row.
   *
   * @param sql the query
   * @param params the values by name
   * @return a future of the first row, or of {@code null} if there is none
   */
  CompletableFuture<Row> fetchOne(String sql, Map<String, ?> params);

  /**
   * Runs a query with values bound by name and maps its first row.
   *
   * @param sql the query
   * @param mapper turns the row into an object
   * @param params the values by name
   * @param <T> the mapped type
   * @return a future of the mapped row, or of {@code null} if there is none
   */
  <T> CompletableFuture<T> fetchOne(String sql, RowMapper<T> mapper, Map<String, ?> params);

  /**
   * Runs a query without bind values and returns up to the array size
   * ({@link PoolOptions#arraySize()}) rows: the reference's {@code fetchmany} without
   * {@code num_rows}.
   *
   * @param sql the query
   * @return a future of the rows
   */
  CompletableFuture<List<Row>> fetchMany(String sql);

  /**
   * Runs a query with positional values and returns up to the array size rows.
   *
   * @param sql the query
   * @param params positional bind values
   * @return a future of the rows
   */
  CompletableFuture<List<Row>> fetchMany(String sql, List<?> params);

  /**
   * Runs a query with values bound by name and returns up to the array size rows.
   *
   * @param sql the query
   * @param params the values by name
   * @return a future of the rows
   */
  CompletableFuture<List<Row>> fetchMany(String sql, Map<String, ?> params);

  /**
   * Runs a query with values bound by name and returns up to {@code numRows} rows.
   *
   * @param sql the query
   * @param numRows the maximum number of rows; 0 or less returns no rows
   * @param params the values by name
   * @return a future of the rows
   */
  CompletableFuture<List<Row>> fetchMany(String sql, int numRows, Map<String, ?> params);

  /**
   * Runs a query with values bound by name and maps up to {@code numRows} rows.
   *
   * @param sql the query
   * @param numRows the maximum number of rows; 0 or less returns no rows
   * @param mapper turns each row into an object
   * @param params the values by name
   * @param <T> the mapped type
   * @return a future of the mapped rows
   */
  <T> CompletableFuture<List<T>> fetchMany(String sql, int numRows, RowMapper<T> mapper, Map<String, ?> params);

  /**
   * Runs a query with values bound by name and returns all its rows.
   *
   * @param sql the query
   * @param params the values by name
   * @return a future of the rows
   */
  CompletableFuture<List<Row>> fetchAll(String sql, Map<String, ?> params);

  /**
   * Runs a query with values bound by name and maps all its rows.
   *
   * @param sql the query
   * @param mapper turns each row into an object
   * @param params the values by name
   * @param <T> the mapped type
   * @return a future of the mapped rows
   */
  <T> CompletableFuture<List<T>> fetchAll(String sql, RowMapper<T> mapper, Map<String, ?> params);

  /**
   * Runs a query and returns all its rows, fetching {@code arraySize} rows per round trip (the
   * reference's {@code fetchall(statement, parameters, arraysize)}).
   *
   * @param sql the query
   * @param params positional bind values, or {@code null} for none
   * @param arraySize rows per round trip, at least 1
   * @return a future of the rows
   */
  CompletableFuture<List<Row>> fetchAll(String sql, List<?> params, int arraySize);

  /**
   * Runs a query and maps all its rows, fetching {@code arraySize} rows per round trip (the
   * reference's {@code fetchall(statement, parameters, arraysize, rowfactory)}).
   *
   * @param sql the query
   * @param params positional bind values, or {@code null} for none
   * @param arraySize rows per round trip, at least 1
   * @param mapper turns each row into an object
   * @param <T> the mapped type
   * @return a future of the mapped rows
   */
  <T> CompletableFuture<List<T>> fetchAll(String sql, List<?> params, int arraySize, RowMapper<T> mapper);

  /**
   * Runs a query with values bound by name and returns all its rows, {@code arraySize} per round trip.
   *
   * @param sql the query
   * @param params the values by name
   * @param arraySize rows per round trip, at least 1
   * @return a future of the rows
   */
  CompletableFuture<List<Row>> fetchAll(String sql, Map<String, ?> params, int arraySize);

  /**
   * Streams a query's rows with values bound by name (see {@link #stream(String, Object...)}).
   *
   * @param sql the query
   * @param params the values by name
   * @return a publisher of the rows
   */
  Flow.Publisher<Row> stream(String sql, Map<String, ?> params);

  /**
   * Calls a stored function with positional and keyword parameters (the reference's
   * {@code callfunc(name, type, parameters, keyword_parameters)}). On Oracle the keywords are
   * passed in PL/SQL named notation ({@code name => value}), so parameters with defaults may be
   * left out; on other databases they are matched to the parameter names the driver's metadata
   * lists, and every parameter must be given.
   *
   * @param name the function name, optionally qualified
   * @param returnType the Java type of the return value
   * @param params the positional IN arguments, or {@code null}
   * @param keywordParams the IN arguments by parameter name, after the positional ones
   * @param <T> the return type
   * @return a future of the function's result
   */
  <T> CompletableFuture<T> callFunc(String name, Class<T> returnType, List<?> params, Map<String, ?> keywordParams);

  /**
   * Calls a stored procedure with positional and keyword parameters (the reference's
   * {@code callproc(name, parameters, keyword_parameters)}); keywords as in
   * {@link #callFunc(String, Class, List, Map)}. OUT and IN OUT arguments are {@link OutParameter}s.
   *
   * @param name the procedure name, optionally qualified
   * @param params the positional arguments, or {@code null}
   * @param keywordParams the arguments by parameter name, after the positional ones
   * @return a future of the positional arguments after the call, followed by the keyword ones in
   *     the map's order: IN values as given, OUT values as returned
   */
  CompletableFuture<List<Object>> callProc(String name, List<?> params, Map<String, ?> keywordParams);

  /**
   * Creates a temporary LOB holding some data (the reference's {@code createlob(type, data)}).
   *
   * @param type the kind of LOB
   * @param initialData a {@link CharSequence} for CLOB/NCLOB, {@code byte[]} for BLOB, or {@code null}
   * @return a future of the LOB
   */
  CompletableFuture<AsyncLob> createLob(LobType type, Object initialData);

  /**
   * Sets whether queries on this connection return LOB columns as {@link AsyncLob} locators, read
   * in parts, instead of their whole content as {@code String}/{@code byte[]} (python-oracledb's
   * {@code fetch_lobs}; off by default here). Applies to the shortcuts and to cursors, which can
   * override it ({@link AsyncCursor#setFetchLobs(boolean)}). Locators stay valid until closed or
   * until the connection is closed.
   *
   * @param fetchLobs whether to fetch LOB locators
   */
  void setFetchLobs(boolean fetchLobs);

  /**
   * Returns whether queries on this connection return LOB locators.
   *
   * @return the setting
   */
  boolean fetchLobs();

  /**
   * Sets whether queries on this connection return number columns ({@code NUMBER}, and the
   * integer and decimal types other databases report) as {@link java.math.BigDecimal}, whatever
   * type the driver would pick (python-oracledb's {@code defaults.fetch_decimals}). Off by default,
   * when each value keeps the driver's type: ojdbc already returns {@code BigDecimal} for
   * {@code NUMBER}, H2 returns {@code Integer}/{@code Long} for integer expressions. Applies to the
   * shortcuts, to pipeline steps added afterwards and to cursors, which can override it
   * ({@link AsyncCursor#setFetchDecimals(boolean)}). The pool's
   * {@link PoolOptions.Builder#fetchDecimals(boolean)} sets the starting value.
   *
   * @param fetchDecimals whether to fetch numbers as {@code BigDecimal}
   */
  void setFetchDecimals(boolean fetchDecimals);

  /**
   * Returns whether queries on this connection return number columns as {@link java.math.BigDecimal}.
   *
   * @return the setting
   */
  boolean fetchDecimals();

  // ---- transactions and lifecycle ---------------------------------------------------------

  /**
   * Commits the current transaction.
   *
   * @return a future that completes when committed
   */
  CompletableFuture<Void> commit();

  /**
   * Rolls back the current transaction.
   *
   * @return a future that completes when rolled back
   */
  CompletableFuture<Void> rollback();

  /**
   * Makes a round trip to check that the connection works.
   *
   * @return a future that completes when the database answered, failed otherwise
   */
  CompletableFuture<Void> ping();

  /**
   * Checks the connection locally, without a round trip: {@code false} when it is closed, broken
   * or was told by the database it is going down. Synchronous.
   *
   * @return whether the connection looks usable
   */
  boolean isHealthy();

  /**
   * Breaks the statement that is running on this connection, if any. Synchronous; the call that
   * was running fails.
   */
  void cancel();

  /**
   * Returns a pooled connection to its pool, or closes a standalone one. Open cursors are closed
   * and uncommitted work is rolled back first. Calling it again does nothing.
   *
   * @return a future that completes when the connection is back
   */
  CompletableFuture<Void> close();

  /**
   * Returns whether {@link #close()} was called (or the pool reclaimed this connection).
   *
   * @return {@code true} if closed
   */
  boolean isClosed();

  // ---- Oracle features --------------------------------------------------------------------

  /**
   * Changes the password of the connected user. <em>Oracle only.</em>
   *
   * @param oldPassword the current password
   * @param newPassword the new password
   * @return a future that completes when changed
   */
  CompletableFuture<Void> changePassword(String oldPassword, String newPassword);

  /**
   * Creates a temporary LOB.
   *
   * @param type the kind of LOB
   * @return a future of the LOB
   */
  CompletableFuture<AsyncLob> createLob(LobType type);

  /**
   * Looks up a named object or collection type. <em>Oracle only.</em>
   *
   * @param name the type name, optionally schema-qualified
   * @return a future of the type
   */
  CompletableFuture<DbObjectType> getType(String name);

  /**
   * Makes a transaction identifier for the {@code tpc*} methods. Synchronous.
   *
   * @param formatId the format identifier
   * @param globalTransactionId the global transaction id, at most 64 bytes as UTF-8
   * @param branchQualifier the branch qualifier, at most 64 bytes as UTF-8
   * @return the identifier
   */
  Xid xid(int formatId, String globalTransactionId, String branchQualifier);

  /**
   * Begins a new global transaction with no inactivity timeout. <em>Oracle only.</em>
   *
   * @param xid the transaction identifier
   * @return a future that completes when begun
   */
  CompletableFuture<Void> tpcBegin(Xid xid);

  /**
   * Begins, joins, resumes or promotes a global transaction. <em>Oracle only.</em>
   *
   * @param xid the transaction identifier
   * @param flag how to begin
   * @param timeoutSeconds for {@link TpcBeginFlag#NEW}, how long the transaction may stay
   *     inactive; for {@link TpcBeginFlag#RESUME}, how long to wait for it
   * @return a future that completes when begun
   */
  CompletableFuture<Void> tpcBegin(Xid xid, TpcBeginFlag flag, int timeoutSeconds);

  /**
   * Ends work on the transaction begun last. <em>Oracle only.</em>
   *
   * @return a future that completes when ended
   */
  CompletableFuture<Void> tpcEnd();

  /**
   * Ends or suspends work on a global transaction. <em>Oracle only.</em>
   *
   * @param xid the transaction identifier, or {@code null} for the one begun last
   * @param flag how to end
   * @return a future that completes when ended
   */
  CompletableFuture<Void> tpcEnd(Xid xid, TpcEndFlag flag);

  /**
   * Prepares the transaction begun last. <em>Oracle only.</em>
   *
   * @return a future of whether a commit is needed ({@code false}: read-only, nothing to commit)
   */
  CompletableFuture<Boolean> tpcPrepare();

  /**
   * Prepares a global transaction. <em>Oracle only.</em>
   *
   * @param xid the transaction identifier, or {@code null} for the one begun last
   * @return a future of whether a commit is needed
   */
  CompletableFuture<Boolean> tpcPrepare(Xid xid);

  /**
   * Commits the transaction begun last: two-phase if it was prepared, else one-phase.
   * <em>Oracle only.</em>
   *
   * @return a future that completes when committed
   */
  CompletableFuture<Void> tpcCommit();

  /**
   * Commits a global transaction, for recovery. <em>Oracle only.</em>
   *
   * @param xid the transaction identifier, or {@code null} for the one begun last
   * @param onePhase whether to commit in one phase
   * @return a future that completes when committed
   */
  CompletableFuture<Void> tpcCommit(Xid xid, boolean onePhase);

  /**
   * Rolls back the transaction begun last. <em>Oracle only.</em>
   *
   * @return a future that completes when rolled back
   */
  CompletableFuture<Void> tpcRollback();

  /**
   * Rolls back a global transaction. <em>Oracle only.</em>
   *
   * @param xid the transaction identifier, or {@code null} for the one begun last
   * @return a future that completes when rolled back
   */
  CompletableFuture<Void> tpcRollback(Xid xid);

  /**
   * Forgets a heuristically completed global transaction. <em>Oracle only.</em>
   *
   * @param xid the transaction identifier
   * @return a future that completes when forgotten
   */
  CompletableFuture<Void> tpcForget(Xid xid);

  /**
   * Lists the prepared transactions that need recovery. <em>Oracle only</em>; needs SELECT on
   * {@code DBA_PENDING_TRANSACTIONS}.
   *
   * @return a future of the identifiers
   */
  CompletableFuture<List<Xid>> tpcRecover();

  /**
   * Encodes a value as OSON, Oracle's binary JSON. Maps, lists, strings, numbers, booleans,
   * {@code null}, {@code byte[]} and {@code java.time} values are supported. Synchronous; works on
   * any connection.
   *
   * @param value the value to encode
   * @return the OSON bytes
   */
  byte[] encodeOson(Object value);

  /**
   * Decodes OSON bytes into maps, lists, strings, {@link java.math.BigDecimal}s, booleans,
   * {@code null}, {@code byte[]} and {@code java.time} values. Synchronous; works on any connection.
   *
   * @param data the OSON bytes
   * @return the decoded value
   */
  Object decodeOson(byte[] data);

  // ---- session attributes (write-only ones are sent with the next call) -------------------

  /**
   * Sets the {@code ACTION} column of {@code V$SESSION} (at most 64 characters, ojdbc's limit),
   * sent with the next call.
   *
   * @param action the action, {@code null} meaning empty
   * @throws InvalidArgumentException if longer than 64 characters
   */
  void setAction(String action);

  /**
   * Sets the {@code MODULE} column of {@code V$SESSION} (at most 48 bytes), sent with the next call.
   *
   * @param module the module, {@code null} meaning empty
   */
  void setModule(String module);

  /**
   * Sets the {@code CLIENT_IDENTIFIER} column of {@code V$SESSION} (at most 64 characters), sent
   * with the next call.
   *
   * @param clientIdentifier the client identifier, {@code null} meaning empty
   * @throws InvalidArgumentException if longer than 64 characters
   */
  void setClientIdentifier(String clientIdentifier);

  /**
   * Sets the {@code CLIENT_INFO} column of {@code V$SESSION} (at most 64 characters), sent with
   * the next call.
   *
   * @param clientInfo the client info, {@code null} meaning empty
   * @throws InvalidArgumentException if longer than 64 characters
   */
  void setClientInfo(String clientInfo);

  /**
   * Sets the database operation to monitor ({@code DBOP_NAME} in {@code V$SQL_MONITOR}, at most 64
   * characters), sent with the next call.
   *
   * @param dbOp the operation name, {@code null} meaning empty
   * @throws InvalidArgumentException if longer than 64 characters
   */
  void setDbOp(String dbOp);

  /**
   * Sets the execution context id ({@code ECID} in {@code V$SESSION}, at most 64 bytes), sent with
   * the next call.
   *
   * @param econtextId the execution context id, {@code null} meaning empty
   */
  void setEcontextId(String econtextId);

  /**
   * Returns how long a single call may take before it is cancelled with
   * {@link CallTimeoutException}; {@link Duration#ZERO} means no limit.
   *
   * @return the call timeout
   */
  Duration callTimeout();

  /**
   * Sets the call timeout, with millisecond granularity. Applies to calls made after it.
   *
   * @param timeout the timeout; {@link Duration#ZERO} for none
   * @throws InvalidArgumentException if negative or {@code null}
   */
  void setCallTimeout(Duration timeout);

  /**
   * Returns whether autocommit is on.
   *
   * @return the autocommit mode
   */
  boolean autocommit();

  /**
   * Turns autocommit on or off. Turning it on commits pending work, as JDBC does.
   *
   * @param autocommit the mode
   * @return a future that completes when set
   */
  CompletableFuture<Void> setAutocommit(boolean autocommit);

  /**
   * Returns the transaction isolation level of the session (JDBC's
   * {@code Connection.getTransactionIsolation()}, e.g. {@link java.sql.Connection#TRANSACTION_READ_COMMITTED}).
   *
   * @return a future of the level
   */
  CompletableFuture<Integer> transactionIsolation();

  /**
   * Sets the transaction isolation level for the transactions that start from now on this lending
   * (JDBC's {@code setTransactionIsolation}; Oracle knows {@code READ_COMMITTED} and
   * {@code SERIALIZABLE}). The pool's level is restored when the connection goes back.
   *
   * @param level a {@code java.sql.Connection.TRANSACTION_*} constant
   * @return a future that completes when set
   */
  CompletableFuture<Void> setTransactionIsolation(int level);

  /**
   * Returns whether this lending asked for read-only transactions with {@link #setReadOnly(boolean)}.
   *
   * @return {@code true} after {@code setReadOnly(true)}
   */
  boolean readOnly();

  /**
   * Marks the session read-only (JDBC's {@code setReadOnly}): on Oracle a read-only transaction
   * starts at once ({@code SET TRANSACTION READ ONLY}, sent by the library: ojdbc's own
   * {@code setReadOnly} only keeps a flag), and again after each {@link #commit()} and
   * {@link #rollback()} while the mode lasts; writes fail with ORA-01456. Set it before the
   * transaction's first statement: with a transaction open, Oracle refuses it (ORA-01453). A
   * COMMIT or ROLLBACK sent as SQL text, a pipeline's commit step or autocommit ends the read-only
   * transaction without starting another. Other databases get JDBC's {@code setReadOnly}, which
   * may be a hint only (H2 ignores it). Reset when the connection goes back.
   *
   * @param readOnly whether the transactions are read-only
   * @return a future that completes when set
   */
  CompletableFuture<Void> setReadOnly(boolean readOnly);

  /**
   * Returns the session's current schema.
   *
   * @return a future of the schema name
   */
  CompletableFuture<String> currentSchema();

  /**
   * Sets the session's current schema ({@code ALTER SESSION SET CURRENT_SCHEMA}).
   *
   * @param schema the schema name
   * @return a future that completes when set
   */
  CompletableFuture<Void> setCurrentSchema(String schema);

  /**
   * Returns the statement cache size.
   *
   * @return the number of statements cached
   */
  int stmtCacheSize();

  /**
   * Sets the statement cache size, applied before the next call. Only Oracle's driver has a
   * statement cache; on other databases the value is kept but has no effect.
   *
   * @param size the number of statements to cache, 0 to disable
   * @throws InvalidArgumentException if negative
   */
  void setStmtCacheSize(int size);

  /**
   * Returns the internal name used when logging distributed transactions.
   *
   * @return the internal name, or {@code null}
   */
  String internalName();

  /**
   * Sets the internal name used when logging distributed transactions.
   *
   * @param name the internal name
   */
  void setInternalName(String name);

  /**
   * Returns the external name used when logging distributed transactions.
   *
   * @return the external name, or {@code null}
   */
  String externalName();

  /**
   * Sets the external name used when logging distributed transactions.
   *
   * @param name the external name
   */
  void setExternalName(String name);

  /**
   * Sets the hook that converts bound values, or {@code null} for none.
   *
   * @param handler the input type handler
   */
  void setInputTypeHandler(InputTypeHandler handler);

  /**
   * Returns the hook that converts bound values.
   *
   * @return the input type handler, or {@code null}
   */
  InputTypeHandler inputTypeHandler();

  /**
   * Sets the hook that reads fetched columns, or {@code null} for none.
   *
   * @param handler the output type handler
   */
  void setOutputTypeHandler(OutputTypeHandler handler);

  /**
   * Returns the hook that reads fetched columns.
   *
   * @return the output type handler, or {@code null}
   */
  OutputTypeHandler outputTypeHandler();

  // ---- read-only attributes ---------------------------------------------------------------

  /**
   * Returns the database name. <em>Oracle only.</em>
   *
   * @return a future of the name
   */
  CompletableFuture<String> dbName();

  /**
   * Returns the database domain. <em>Oracle only.</em>
   *
   * @return a future of the domain, possibly empty
   */
  CompletableFuture<String> dbDomain();

  /**
   * Returns the instance name. <em>Oracle only.</em>
   *
   * @return a future of the instance name
   */
  CompletableFuture<String> instanceName();

  /**
   * Returns the service name the session is connected to (python-oracledb's
   * {@code service_name}): on Oracle, {@code SYS_CONTEXT('USERENV', 'SERVICE_NAME')}; on other
   * databases, the database the URL names ({@code mem:orders} for {@code jdbc:h2:mem:orders}).
   *
   * @return a future of the service name
   */
  CompletableFuture<String> serviceName();

  /**
   * Returns the host this connection's URL connects to (python-oracledb's {@code host}).
   * Synchronous: read from the URL, no round trip. For an Oracle connect descriptor with several
   * addresses, the first one's; {@code null} for a TNS alias, whose address is in
   * {@code tnsnames.ora}, and for embedded databases (H2 {@code mem:} or {@code file:}).
   *
   * @return the host, or {@code null}
   */
  String host();

  /**
   * Returns the port this connection's URL connects to (python-oracledb's {@code port}):
   * synchronous, from the URL, with the driver's default when the URL has none (1521 for Oracle
   * Easy Connect, 9092 for an H2 server).
   *
   * @return the port, or 0 when the URL names no host (TNS alias, embedded database)
   */
  int port();

  /**
   * Returns the protocol this connection's URL connects with (python-oracledb's
   * {@code protocol}), in lower case: {@code tcp} or {@code tcps} for Oracle, {@code tcp} or
   * {@code ssl} for an H2 server, {@code mem} or {@code file} for an embedded H2 database.
   * Synchronous, from the URL.
   *
   * @return the protocol, or {@code null} when the URL does not say (TNS alias)
   */
  String protocol();

  /**
   * Returns the database version, such as {@code 23.26.0.0.0} for Oracle or {@code 2.4.240} for H2.
   *
   * @return a future of the version
   */
  CompletableFuture<String> version();

  /**
   * Returns the name of the connected user.
   *
   * @return a future of the user name
   */
  CompletableFuture<String> username();

  /**
   * Returns the data source name or JDBC URL this connection was made with, passwords removed.
   * Synchronous.
   *
   * @return the DSN
   */
  String dsn();

  /**
   * Returns the negotiated Session Data Unit size in bytes. <em>Oracle only.</em>
   *
   * @return a future of the SDU
   */
  CompletableFuture<Integer> sdu();

  /**
   * Returns the logical transaction id (Transaction Guard). <em>Oracle only.</em>
   *
   * @return a future of the ltxid bytes
   */
  CompletableFuture<byte[]> ltxid();

  /**
   * Returns the maximum number of cursors the session may open. <em>Oracle only.</em>
   *
   * @return a future of the limit
   */
  CompletableFuture<Integer> maxOpenCursors();

  /**
   * Returns whether a transaction is in progress on the session.
   *
   * @return a future of the answer
   */
  CompletableFuture<Boolean> transactionInProgress();

  /**
   * Returns the session's edition. <em>Oracle only.</em>
   *
   * @return a future of the edition name
   */
  CompletableFuture<String> edition();

  /**
   * Returns whether the connection uses Oracle's pure-Java thin driver; {@code false} for other
   * databases. Synchronous.
   *
   * @return {@code true} for an Oracle thin connection
   */
  boolean thin();

  // ---- session tags (pooled connections) ----------------------------------------------------

  /**
   * Returns the tag of the connection's session (python-oracledb's {@code connection.tag}): the
   * tag the session carried when the connection was acquired, as changed by {@link #setTag(String)}.
   * Synchronous.
   *
   * @return the tag, or {@code null} for an untagged session (and for standalone connections)
   */
  String tag();

  /**
   * Sets the tag the session keeps when the connection is released to its pool (python-oracledb's
   * {@code connection.tag = ...}); a later {@link AsyncPool#acquire(String)} with that tag prefers
   * this session. A {@link SessionCallback} sets it once it has brought the session to the
   * requested state. Synchronous; no effect on a standalone connection.
   *
   * @param tag the tag, or {@code null} to untag the session
   */
  void setTag(String tag);
}
