package io.asyncoracle.bench.contender;

/**
 * An opened contender. It is either a {@link BlockingClient}, driven by caller threads, or an
 * {@link AsyncClient}, driven by futures.
 */
public sealed interface Client extends AutoCloseable permits BlockingClient, AsyncClient {

  /** Releases the pool and threads. */
  @Override
  void close() throws Exception;
}
