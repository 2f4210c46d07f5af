/**
 * {@link io.asyncoracle.boot.client.AsyncOracleClient}: a fluent asynchronous client in the style
 * of Spring's {@code JdbcClient}, on top of the template's operations.
 */
package io.asyncoracle.boot.client;
