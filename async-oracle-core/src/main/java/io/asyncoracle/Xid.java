package io.asyncoracle;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A global transaction identifier for the {@code tpc*} methods, made by
 * {@link AsyncConnection#xid(int, String, String)}. It is a {@link javax.transaction.xa.Xid}, so it
 * can be passed to any XA API as well.
 */
public final class Xid implements javax.transaction.xa.Xid {

  private final int formatId;
  private final byte[] globalTransactionId;
  private final byte[] branchQualifier;

  /**
   * Creates an identifier.
   *
   * @param formatId the format identifier
   * @param globalTransactionId the global transaction id, at most 64 bytes
   * @param branchQualifier the branch qualifier, at most 64 bytes
   * @throws InvalidArgumentException if an id is {@code null} or longer than 64 bytes
   */
  public Xid(int formatId, byte[] globalTransactionId, byte[] branchQualifier) {
    this.formatId = formatId;
    this.globalTransactionId = checked("globalTransactionId", globalTransactionId);
    this.branchQualifier = checked("branchQualifier", branchQualifier);
  }

  /**
   * Creates an identifier from strings, encoded as UTF-8, as python-oracledb does.
   *
   * @param formatId the format identifier
   * @param globalTransactionId the global transaction id
   * @param branchQualifier the branch qualifier
   * @return the identifier
   */
  public static Xid of(int formatId, String globalTransactionId, String branchQualifier) {
    if (globalTransactionId == null || branchQualifier == null) {
      throw new InvalidArgumentException(globalTransactionId == null ? "globalTransactionId" : "branchQualifier",
          "xid: globalTransactionId and branchQualifier must not be null");
    }
    return new Xid(formatId, globalTransactionId.getBytes(StandardCharsets.UTF_8),
        branchQualifier.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Copies any {@link javax.transaction.xa.Xid}, such as one returned by an XA resource.
   *
   * @param xid the identifier to copy
   * @return an equal {@code Xid}
   */
  public static Xid from(javax.transaction.xa.Xid xid) {
    if (xid instanceof Xid ours) {
      return ours;
    }
    return new Xid(xid.getFormatId(), xid.getGlobalTransactionId(), xid.getBranchQualifier());
  }

  private static byte[] checked(String name, byte[] value) {
    if (value == null) {
      throw new InvalidArgumentException(name, "xid: " + name + " must not be null");
    }
    if (value.length > MAXGTRIDSIZE) {
      throw new InvalidArgumentException(name, "xid: " + name + " is " + value.length
          + " bytes, the maximum is " + MAXGTRIDSIZE);
    }
    return value.clone();
  }

  @Override
  public int getFormatId() {
    return formatId;
  }

  @Override
  public byte[] getGlobalTransactionId() {
    return globalTransactionId.clone();
  }

  @Override
  public byte[] getBranchQualifier() {
    return branchQualifier.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Xid that && formatId == that.formatId
        && Arrays.equals(globalTransactionId, that.globalTransactionId)
        && Arrays.equals(branchQualifier, that.branchQualifier);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * formatId + Arrays.hashCode(globalTransactionId)) + Arrays.hashCode(branchQualifier);
  }

  @Override
  public String toString() {
    return "Xid[formatId=" + formatId + ", gtrid=" + new String(globalTransactionId, StandardCharsets.UTF_8)
        + ", bqual=" + new String(branchQualifier, StandardCharsets.UTF_8) + "]";
  }
}
