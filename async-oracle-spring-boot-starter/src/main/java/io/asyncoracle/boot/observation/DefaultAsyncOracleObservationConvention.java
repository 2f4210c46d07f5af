package io.asyncoracle.boot.observation;

import io.asyncoracle.DatabaseCall;
import io.asyncoracle.boot.observation.AsyncOracleObservationDocumentation.HighCardinalityKeyNames;
import io.asyncoracle.boot.observation.AsyncOracleObservationDocumentation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The default names and keys of database call observations (see
 * {@link AsyncOracleObservationDocumentation}): the observation {@value #NAME}, low-cardinality
 * keys {@code db.system.name}, {@code db.operation.name}, {@code db.namespace},
 * {@code db.client.connection.pool.name}, {@code server.address}, {@code server.port} and
 * {@code error.type} (always present, {@code none} when unknown, so every timer has the same
 * tags), high-cardinality keys {@code db.query.text}, {@code db.stored_procedure.name},
 * {@code db.response.returned_rows} and {@code db.response.affected_rows} when they apply.
 */
public class DefaultAsyncOracleObservationConvention implements AsyncOracleObservationConvention {

  /** The observation's name, which is also its timer's: OpenTelemetry's database client metric. */
  public static final String NAME = "db.client.operation.duration";

  private final boolean includeQueryText;

  /** Creates the convention, with the SQL text in {@code db.query.text}. */
  public DefaultAsyncOracleObservationConvention() {
    this(true);
  }

  /**
   * Creates the convention.
   *
   * @param includeQueryText whether {@code db.query.text} carries the SQL (it may hold literal values)
   */
  public DefaultAsyncOracleObservationConvention(boolean includeQueryText) {
    this.includeQueryText = includeQueryText;
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public String getContextualName(AsyncOracleObservationContext context) {
    DatabaseCall call = context.getCall();
    return call.procedure() != null ? call.operation() + " " + call.procedure() : call.operation();
  }

  @Override
  public KeyValues getLowCardinalityKeyValues(AsyncOracleObservationContext context) {
    DatabaseCall call = context.getCall();
    Throwable error = context.getError();
    return KeyValues.of(
        LowCardinalityKeyNames.DB_SYSTEM_NAME.withValue(orNone(call.databaseSystem())),
        LowCardinalityKeyNames.DB_OPERATION_NAME.withValue(call.operation()),
        LowCardinalityKeyNames.DB_NAMESPACE.withValue(orNone(call.namespace())),
        LowCardinalityKeyNames.DB_CLIENT_CONNECTION_POOL_NAME.withValue(orNone(call.pool())),
        LowCardinalityKeyNames.SERVER_ADDRESS.withValue(orNone(call.serverAddress())),
        LowCardinalityKeyNames.SERVER_PORT.withValue(call.serverPort() > 0 ? Integer.toString(call.serverPort())
            : KeyValue.NONE_VALUE),
        LowCardinalityKeyNames.ERROR_TYPE.withValue(error == null ? KeyValue.NONE_VALUE
            : error.getClass().getSimpleName()));
  }

  @Override
  public KeyValues getHighCardinalityKeyValues(AsyncOracleObservationContext context) {
    DatabaseCall call = context.getCall();
    KeyValues values = KeyValues.empty();
    if (includeQueryText && call.statement() != null) {
      values = values.and(HighCardinalityKeyNames.DB_QUERY_TEXT.withValue(call.statement()));
    }
    if (call.procedure() != null) {
      values = values.and(HighCardinalityKeyNames.DB_STORED_PROCEDURE_NAME.withValue(call.procedure()));
    }
    long rows = context.getRowCount();
    if (rows >= 0) {
      boolean fetched = call.operation().startsWith("fetch");
      values = values.and((fetched ? HighCardinalityKeyNames.DB_RESPONSE_RETURNED_ROWS
          : HighCardinalityKeyNames.DB_RESPONSE_AFFECTED_ROWS).withValue(Long.toString(rows)));
    }
    return values;
  }

  private static String orNone(String value) {
    return value == null || value.isEmpty() ? KeyValue.NONE_VALUE : value;
  }
}
