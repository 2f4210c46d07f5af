package io.asyncoracle.boot.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of async-oracle and their keys, named after the OpenTelemetry database
 * semantic conventions.
 */
public enum AsyncOracleObservationDocumentation implements ObservationDocumentation {

  /**
   * One database call: {@code execute}, {@code executeMany}, {@code fetchOne}, {@code fetchMany},
   * {@code fetchAll}, {@code callProc}, {@code callFunc}, {@code commit}, {@code rollback}, or an
   * {@code acquire} (the wait for a connection). Named {@code db.client.operation.duration}, so its
   * timer is OpenTelemetry's metric of that name ({@code db_client_operation_duration_seconds} in
   * Prometheus); the span is named after the operation ({@code fetchOne}, {@code callProc add_item}).
   */
  DB_CLIENT_OPERATION {
    @Override
    public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
      return DefaultAsyncOracleObservationConvention.class;
    }

    @Override
    public KeyName[] getLowCardinalityKeyNames() {
      return LowCardinalityKeyNames.values();
    }

    @Override
    public KeyName[] getHighCardinalityKeyNames() {
      return HighCardinalityKeyNames.values();
    }
  };

  /** Keys with few values: tags of the timer as well as span attributes. Always present ("none" when unknown). */
  public enum LowCardinalityKeyNames implements KeyName {

    /** {@code oracle}, {@code h2}, or the driver name in the JDBC URL. */
    DB_SYSTEM_NAME {
      @Override
      public String asString() {
        return "db.system.name";
      }
    },

    /** The API method: {@code execute}, {@code fetchOne}, {@code callProc}, {@code commit}, {@code acquire}, ... */
    DB_OPERATION_NAME {
      @Override
      public String asString() {
        return "db.operation.name";
      }
    },

    /** The service name, SID or database name the URL names. */
    DB_NAMESPACE {
      @Override
      public String asString() {
        return "db.namespace";
      }
    },

    /** The pool's name. */
    DB_CLIENT_CONNECTION_POOL_NAME {
      @Override
      public String asString() {
        return "db.client.connection.pool.name";
      }
    },

    /** The database host the URL names ({@code none} for an embedded database). */
    SERVER_ADDRESS {
      @Override
      public String asString() {
        return "server.address";
      }
    },

    /** The database port the URL names. */
    SERVER_PORT {
      @Override
      public String asString() {
        return "server.port";
      }
    },

    /** The simple class name of the error the call failed with, {@code none} when it succeeded. */
    ERROR_TYPE {
      @Override
      public String asString() {
        return "error.type";
      }
    }
  }

  /** Keys with many values: span attributes only. Present when they apply. */
  public enum HighCardinalityKeyNames implements KeyName {

    /** The SQL as the application wrote it (binds as placeholders, literals as written). */
    DB_QUERY_TEXT {
      @Override
      public String asString() {
        return "db.query.text";
      }
    },

    /** The procedure or function of {@code callProc}/{@code callFunc}. */
    DB_STORED_PROCEDURE_NAME {
      @Override
      public String asString() {
        return "db.stored_procedure.name";
      }
    },

    /** Rows a fetch returned. */
    DB_RESPONSE_RETURNED_ROWS {
      @Override
      public String asString() {
        return "db.response.returned_rows";
      }
    },

    /** Rows an {@code execute} or {@code executeMany} inserted, updated or deleted. */
    DB_RESPONSE_AFFECTED_ROWS {
      @Override
      public String asString() {
        return "db.response.affected_rows";
      }
    }
  }
}
