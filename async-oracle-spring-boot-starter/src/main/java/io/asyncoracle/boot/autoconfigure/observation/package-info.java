/** Auto-configuration of a Micrometer Observation per database call. */
package io.asyncoracle.boot.autoconfigure.observation;
