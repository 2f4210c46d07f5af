/** Auto-configuration of the pool's Micrometer meters. */
package io.asyncoracle.boot.autoconfigure.metrics;
