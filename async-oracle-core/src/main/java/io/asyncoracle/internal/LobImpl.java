package io.asyncoracle.internal;

import io.asyncoracle.AsyncLob;
import io.asyncoracle.AsyncOracleException;
import io.asyncoracle.InvalidArgumentException;
import io.asyncoracle.LobType;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * A LOB whose operations run on the owning connection's lane, in order with its other calls. Three
 * kinds: a temporary LOB of Oracle's driver; a temporary LOB on another database, whose content the
 * library keeps itself until it is bound (H2's LOBs can be written only once, so rewrites, appends
 * and trims would fail there); and a locator fetched from a LOB column
 * ({@link io.asyncoracle.AsyncConnection#setFetchLobs(boolean)}), read in parts through the driver.
 */
final class LobImpl implements AsyncLob {

  private final Session session;
  private final LobType type;
  private final Clob clob;
  private final Blob blob;
  /** The content of a temporary LOB kept by the library (non-Oracle); confined to the lane. */
  private StringBuilder text;
  private byte[] bytes;
  private int byteLength;
  private volatile boolean freed;

  private LobImpl(Session session, LobType type, Clob clob, Blob blob) {
    this.session = session;
    this.type = type;
    this.clob = clob;
    this.blob = blob;
  }

  static AsyncLob create(Session s, LobType type) throws SQLException {
    LobImpl lob;
    if (!s.isOracle()) {
      lob = new LobImpl(s, type, null, null);
      if (type == LobType.BLOB) {
        lob.bytes = new byte[0];
      } else {
        lob.text = new StringBuilder();
      }
      // Nothing to free in the database: no resource to register, release stays clean.
      return lob;
    }
    lob = switch (type) {
      case CLOB -> new LobImpl(s, type, s.jdbc().createClob(), null);
      case NCLOB -> new LobImpl(s, type, s.jdbc().createNClob(), null);
      case BLOB -> new LobImpl(s, type, null, s.jdbc().createBlob());
    };
    s.changes().opened(lob, lob::freeQuietly);
    return lob;
  }

  /** A locator read from a LOB column of the current row. Runs on the lane. */
  static Object fetched(Session s, ResultSet rs, int index, int jdbcType) throws SQLException {
    LobImpl lob;
    if (jdbcType == Types.BLOB) {
      Blob b = rs.getBlob(index);
      if (b == null) {
        return null;
      }
      lob = new LobImpl(s, LobType.BLOB, null, b);
    } else {
      Clob c = jdbcType == Types.NCLOB ? rs.getNClob(index) : rs.getClob(index);
      if (c == null) {
        return null;
      }
      lob = new LobImpl(s, jdbcType == Types.NCLOB ? LobType.NCLOB : LobType.CLOB, c, null);
    }
    s.changes().opened(lob, lob::freeQuietly);
    return lob;
  }

  /** The value to hand the driver in place of an {@link AsyncLob} parameter. Runs on the lane. */
  static Object jdbcLob(AsyncLob lob) {
    if (!(lob instanceof LobImpl impl)) {
      throw new InvalidArgumentException("params", "only LOBs made by createLob or fetched by async-oracle can be bound");
    }
    if (impl.freed) {
      throw new InvalidArgumentException("params", "the LOB was closed");
    }
    if (impl.text != null) {
      return impl.text.toString();
    }
    if (impl.bytes != null) {
      return Arrays.copyOf(impl.bytes, impl.byteLength);
    }
    return impl.clob != null ? impl.clob : impl.blob;
  }

  /** Binds a LOB parameter: the driver's LOB, or the content the library kept (as a new LOB value). */
  static void bind(PreparedStatement ps, int index, AsyncLob lob) throws SQLException {
    Object value = jdbcLob(lob);
    if (value instanceof String content) {
      if (lob.type() == LobType.NCLOB) {
        ps.setNCharacterStream(index, new java.io.StringReader(content), content.length());
      } else {
        ps.setCharacterStream(index, new java.io.StringReader(content), content.length());
      }
    } else if (value instanceof byte[] content) {
      ps.setBinaryStream(index, new java.io.ByteArrayInputStream(content), content.length);
    } else {
      ps.setObject(index, value);
    }
  }

  private boolean kept() {
    return text != null || bytes != null;
  }

  @Override
  public LobType type() {
    return type;
  }

  @Override
  public CompletableFuture<Long> size() {
    return run("lob size", () -> kept() ? (long) keptLength() : clob != null ? clob.length() : blob.length());
  }

  private int keptLength() {
    return text != null ? text.length() : byteLength;
  }

  @Override
  public CompletableFuture<Object> read() {
    return run("lob read", () -> {
      if (text != null) {
        return text.toString();
      }
      if (bytes != null) {
        return Arrays.copyOf(bytes, byteLength);
      }
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
    return run("lob read", () -> {
      long length = kept() ? keptLength() : clob != null ? clob.length() : blob.length();
      int available = (int) Math.max(0, Math.min(amount, length - offset + 1));
      int from = (int) Math.min(Integer.MAX_VALUE, offset - 1);
      if (text != null) {
        return available == 0 ? "" : text.substring(from, from + available);
      }
      if (bytes != null) {
        return available == 0 ? new byte[0] : Arrays.copyOfRange(bytes, from, from + available);
      }
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
    if (type != LobType.BLOB && !(data instanceof CharSequence)) {
      return CompletableFuture.failedFuture(new InvalidArgumentException("data", "a " + type + " takes text"));
    }
    if (type == LobType.BLOB && !(data instanceof byte[])) {
      return CompletableFuture.failedFuture(new InvalidArgumentException("data", "a BLOB takes byte[]"));
    }
    if (offset > Integer.MAX_VALUE && !session.isOracle()) {
      return CompletableFuture.failedFuture(new InvalidArgumentException("offset", "offset is too large: " + offset));
    }
    return run("lob write", () -> {
      if (text != null) {
        writeText(data.toString(), (int) offset);
      } else if (bytes != null) {
        writeBytes((byte[]) data, (int) offset);
      } else if (clob != null) {
        clob.setString(offset, data.toString());
      } else {
        blob.setBytes(offset, (byte[]) data);
      }
      return null;
    });
  }

  /** As Oracle's DBMS_LOB.WRITE: overwrite from the offset, padding a gap with spaces. */
  private void writeText(String data, int offset) {
    int at = offset - 1;
    while (text.length() < at) {
      text.append(' ');
    }
    int overlap = Math.min(data.length(), text.length() - at);
    text.replace(at, at + overlap, data.substring(0, overlap));
    text.append(data, overlap, data.length());
  }

  /** As Oracle's DBMS_LOB.WRITE for a BLOB: overwrite from the offset, padding a gap with zero bytes. */
  private void writeBytes(byte[] data, int offset) {
    int at = offset - 1;
    int end = at + data.length;
    if (end > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(end, bytes.length * 2));
    }
    if (at > byteLength) {
      Arrays.fill(bytes, byteLength, at, (byte) 0);
    }
    System.arraycopy(data, 0, bytes, at, data.length);
    byteLength = Math.max(byteLength, end);
  }

  @Override
  public CompletableFuture<Void> trim(long newSize) {
    if (newSize < 0) {
      return CompletableFuture.failedFuture(new InvalidArgumentException("newSize", "newSize must not be negative"));
    }
    return run("lob trim", () -> {
      if (kept()) {
        if (newSize > keptLength()) {
          throw new InvalidArgumentException("newSize", "newSize " + newSize + " is larger than the LOB ("
              + keptLength() + ")");
        }
        if (text != null) {
          text.setLength((int) newSize);
        } else {
          byteLength = (int) newSize;
        }
      } else if (clob != null) {
        clob.truncate(newSize);
      } else {
        blob.truncate(newSize);
      }
      return null;
    });
  }

  @Override
  public CompletableFuture<Void> close() {
    if (freed || session.isReleased()) {
      freed = true;
      return CompletableFuture.completedFuture(null);
    }
    return session.runInternal("lob free", s -> {
      s.closed(this);
      free();
      return null;
    });
  }

  @Override
  public boolean isClosed() {
    return freed || session.isReleased();
  }

  /** A LOB operation on the lane; a freed LOB refuses it. */
  private <T> CompletableFuture<T> run(String operation, LobAction<T> action) {
    if (freed) {
      return CompletableFuture.failedFuture(new AsyncOracleException(operation + " refused: the LOB is closed"));
    }
    return session.run(operation, s -> {
      if (freed) {
        throw new AsyncOracleException(operation + " refused: the LOB is closed");
      }
      return action.run();
    });
  }

  /** One LOB operation. */
  @FunctionalInterface
  private interface LobAction<T> {
    T run() throws SQLException;
  }

  private void free() throws SQLException {
    freed = true;
    text = null;
    bytes = null;
    if (clob != null) {
      clob.free();
    } else if (blob != null) {
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
