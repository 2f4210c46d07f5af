package io.asyncoracle.internal;

/**
 * One blocking piece of JDBC work, run on a worker by {@link Session#run(String, JdbcAction)}.
 *
 * @param <T> the result type
 */
@FunctionalInterface
interface JdbcAction<T> {

  /**
   * Runs the work.
   *
   * @param session the session, whose {@link Session#jdbc()} connection the work uses
   * @return the result
   * @throws Exception any error; mapped by {@link Errors}
   */
  T execute(Session session) throws Exception;
}
