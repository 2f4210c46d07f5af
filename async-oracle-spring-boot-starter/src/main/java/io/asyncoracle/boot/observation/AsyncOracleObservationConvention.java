package io.asyncoracle.boot.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and key values of database call observations. Declare a bean of this type to replace
 * {@link DefaultAsyncOracleObservationConvention} (or extend it to add keys).
 */
public interface AsyncOracleObservationConvention extends ObservationConvention<AsyncOracleObservationContext> {

  @Override
  default boolean supportsContext(Observation.Context context) {
    return context instanceof AsyncOracleObservationContext;
  }
}
