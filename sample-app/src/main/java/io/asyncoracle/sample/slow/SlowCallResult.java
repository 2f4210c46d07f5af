package io.asyncoracle.sample.slow;

/**
 * The answer of a slow call.
 *
 * @param seconds how long the database was asked to sleep
 * @param elapsedMillis how long the call took, acquire included
 * @param database which database slept
 */
public record SlowCallResult(int seconds, long elapsedMillis, String database) {
}
