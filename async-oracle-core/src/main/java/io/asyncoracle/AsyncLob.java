package io.asyncoracle;

import java.util.concurrent.CompletableFuture;

/**
 * A LOB: a temporary one made by {@link AsyncConnection#createLob(LobType)}, or a locator of a LOB
 * column fetched with {@link AsyncConnection#setFetchLobs(boolean)} (python-oracledb's
 * {@code AsyncLOB}). Its operations run on the owning connection, in order with the connection's
 * other calls; a locator is read in parts with {@link #read(long, int)}, never all at once unless
 * asked. Pass the LOB itself as a bind parameter to insert it. Offsets are 1-based, as in the
 * database and the reference.
 *
 * <p>Temporary LOBs behave the same on every database: on Oracle they are the driver's temporary
 * LOBs; elsewhere (H2, whose LOBs can be written only once) the library keeps the content itself
 * until the LOB is bound, so writes at any offset, appends and {@link #trim(long)} work there too.
 */
public interface AsyncLob {

  /**
   * Returns the kind of LOB.
   *
   * @return CLOB, NCLOB or BLOB
   */
  LobType type();

  /**
   * Returns the LOB's length: characters for CLOB/NCLOB, bytes for BLOB.
   *
   * @return a future of the length
   */
  CompletableFuture<Long> size();

  /**
   * Reads the whole LOB.
   *
   * @return a future of a {@link String} (CLOB, NCLOB) or {@code byte[]} (BLOB)
   */
  CompletableFuture<Object> read();

  /**
   * Reads part of the LOB.
   *
   * @param offset the 1-based position of the first character or byte
   * @param amount how many characters or bytes to read at most
   * @return a future of a {@link String} (CLOB, NCLOB) or {@code byte[]} (BLOB)
   */
  CompletableFuture<Object> read(long offset, int amount);

  /**
   * Writes data at the start of the LOB.
   *
   * @param data a {@link CharSequence} for CLOB/NCLOB, {@code byte[]} for BLOB
   * @return a future that completes when written
   */
  CompletableFuture<Void> write(Object data);

  /**
   * Writes data at an offset, overwriting what is there and extending the LOB as needed; a gap
   * past the end is filled with spaces (CLOB, NCLOB) or zero bytes (BLOB), as Oracle does.
   *
   * @param data a {@link CharSequence} for CLOB/NCLOB, {@code byte[]} for BLOB
   * @param offset the 1-based position to write at
   * @return a future that completes when written
   */
  CompletableFuture<Void> write(Object data, long offset);

  /**
   * Shortens the LOB.
   *
   * @param newSize the new length in characters or bytes
   * @return a future that completes when trimmed
   */
  CompletableFuture<Void> trim(long newSize);

  /**
   * Returns whether the LOB was closed, or its connection was.
   *
   * @return {@code true} if closed
   */
  boolean isClosed();

  /**
   * Frees the temporary LOB (or the locator). Later operations fail.
   *
   * @return a future that completes when freed
   */
  CompletableFuture<Void> close();
}
