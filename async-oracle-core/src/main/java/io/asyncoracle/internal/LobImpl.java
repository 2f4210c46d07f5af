package io.asyncoracle.internal;

import io.asyncoracle.AsyncLob;
import io.asyncoracle.InvalidArgumentException;
import io.asyncoracle.LobType;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;

/** A temporary LOB whose operations run on the owning connection's lane. */
final class LobImpl implements AsyncLob {

  private final Session session;
  private final LobType type;
  private final Clob clob;
  private final Blob blob;

  private LobImpl(Session session, LobType type, Clob clob, Blob blob) {
    this.session = session;
    this.type = type;
    this.clob = clob;
    this.blob = blob;
  }

  static AsyncLob create(Session s, LobType type) throws SQLException {
    LobImpl lob = switch (type) {
      case CLOB -> new LobImpl(s, type, s.jdbc().createClob(), null);
      case NCLOB -> new LobImpl(s, type, s.jdbc().createNClob(), null);
      case BLOB -> new LobImpl(s, type, null, s.jdbc().createBlob());
    };
    s.opened(lob, lob::freeQuietly);
    return lob;
  }

  /** The JDBC LOB to bind in place of an {@link AsyncLob} parameter. */
  static Object jdbcLob(AsyncLob lob) {
    if (!(lob instanceof LobImpl impl)) {
      throw new InvalidArgumentException("params", "only LOBs made by createLob can be bound");
    }
    return impl.clob != null ? impl.clob : impl.blob;
  }

  @Override
  public LobType type() {
    return type;
  }

  @Override
  public CompletableFuture<Long> size() {
    return session.run("lob size", s -> clob != null ? clob.length() : blob.length());
  }

  @Override
  public CompletableFuture<Object> read() {
    return session.run("lob read", s -> {
      if (clob != null) {
        long length = clob.length();
        return length == 0 ? "" : clob.getSubString(1, toInt(length));
      }
      long length = blob.length();
      return length == 0 ? new byte[0] : blob.getBytes(1, toInt(length));
    });
  }

  @Override
  public CompletableFuture<Object> read(long offset, int amount) {
    if (offset < 1) {
      return CompletableFuture.failedFuture(new InvalidArgumentException("offset", "offset is 1-based, got " + offset));
    }
    if (amount < 0) {
      return CompletableFuture.failedFuture(new InvalidArgumentException("amount", "amount must not be negative"));
    }
    return session.run("lob read", s -> {
      long length = clob != null ? clob.length() : blob.length();
      int available = (int) Math.max(0, Math.min(amount, length - offset + 1));
      if (clob != null) {
        return available == 0 ? "" : clob.getSubString(offset, available);
      }
      return available == 0 ? new byte[0] : blob.getBytes(offset, available);
    });
  }

  @Override
  public CompletableFuture<Void> write(Object data) {
    return write(data, 1);
  }

  @Override
  public CompletableFuture<Void> write(Object data, long offset) {
    if (offset < 1) {
      return CompletableFuture.failedFuture(new InvalidArgumentException("offset", "offset is 1-based, got " + offset));
    }
    if (clob != null && !(data instanceof CharSequence)) {
      return CompletableFuture.failedFuture(new InvalidArgumentException("data", "a " + type + " takes text"));
    }
    if (blob != null && !(data instanceof byte[])) {
      return CompletableFuture.failedFuture(new InvalidArgumentException("data", "a BLOB takes byte[]"));
    }
    return session.run("lob write", s -> {
      if (clob != null) {
        clob.setString(offset, data.toString());
      } else {
        blob.setBytes(offset, (byte[]) data);
      }
      return null;
    });
  }

  @Override
  public CompletableFuture<Void> trim(long newSize) {
    if (newSize < 0) {
      return CompletableFuture.failedFuture(new InvalidArgumentException("newSize", "newSize must not be negative"));
    }
    return session.run("lob trim", s -> {
      if (clob != null) {
        clob.truncate(newSize);
      } else {
        blob.truncate(newSize);
      }
      return null;
    });
  }

  @Override
  public CompletableFuture<Void> close() {
    if (session.isReleased()) {
      return CompletableFuture.completedFuture(null);
    }
    return session.runInternal("lob free", s -> {
      s.closed(this);
      free();
      return null;
    });
  }

  private void free() throws SQLException {
    if (clob != null) {
      clob.free();
    } else {
      blob.free();
    }
  }

  private void freeQuietly() {
    try {
      free();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int toInt(long length) {
    if (length > Integer.MAX_VALUE) {
      throw new InvalidArgumentException("lob", "LOB of " + length + " is too large to read at once; read it in parts");
    }
    return (int) length;
  }

  @Override
  public String toString() {
    return "AsyncLob[" + type + "]";
  }
}
