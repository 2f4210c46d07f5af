/** Micrometer meters of the pool. */
package io.asyncoracle.boot.metrics;
