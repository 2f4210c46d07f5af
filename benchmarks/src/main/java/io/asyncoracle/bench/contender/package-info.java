/**
 * The contenders: one class per way of reaching the database. {@link io.asyncoracle.bench.contender.Contenders}
 * lists them; adding one there is all it takes to put it in the run.
 */
package io.asyncoracle.bench.contender;
