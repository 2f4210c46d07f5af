package io.asyncoracle.internal;

import io.asyncoracle.AsyncCursor;
import io.asyncoracle.MappedCursor;
import io.asyncoracle.RowMapper;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A typed view of this cursor whose fetches return what its row factory makes of each row. */
record MappedCursorImpl<T>(CursorImpl owner, RowMapper<T> factory) implements MappedCursor<T> {
  @Override
  public CompletableFuture<T> fetchOne() {
    return owner.fetchMapped("fetchOne", 1, factory).thenApply(rows -> rows.isEmpty() ? null : rows.get(0));
  }

  @Override
  public CompletableFuture<List<T>> fetchMany() {
    return ConnectionImpl.checked(owner::checkOpen, () -> owner.fetchMapped("fetchMany", owner.currentArraySize(), factory));
  }

  @Override
  public CompletableFuture<List<T>> fetchMany(int numRows) {
    return owner.fetchMapped("fetchMany", numRows, factory);
  }

  @Override
  public CompletableFuture<List<T>> fetchAll() {
    return owner.fetchMapped("fetchAll", Integer.MAX_VALUE, factory);
  }

  @Override
  public AsyncCursor cursor() {
    return owner;
  }
}
