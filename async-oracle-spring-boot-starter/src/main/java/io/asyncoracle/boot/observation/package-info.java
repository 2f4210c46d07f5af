/**
 * A Micrometer {@code Observation} per database call of the pool, named after the OpenTelemetry
 * database semantic conventions ({@code db.client.operation}), children of the caller's current
 * observation although the JDBC work runs on one of the pool's workers.
 */
package io.asyncoracle.boot.observation;
