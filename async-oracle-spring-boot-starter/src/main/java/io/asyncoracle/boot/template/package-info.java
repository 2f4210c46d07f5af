/**
 * {@link io.asyncoracle.boot.template.AsyncOracleTemplate}: Spring-style queries and updates on an
 * async-oracle pool, every result a {@link java.util.concurrent.CompletableFuture}.
 */
package io.asyncoracle.boot.template;
