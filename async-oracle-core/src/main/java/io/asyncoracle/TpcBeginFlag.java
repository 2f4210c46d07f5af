package io.asyncoracle;

/** How {@link AsyncConnection#tpcBegin(Xid, TpcBeginFlag, int)} starts work on a global transaction. */
public enum TpcBeginFlag {
  /** Start a new transaction ({@code TPC_BEGIN_NEW}). */
  NEW,
  /** Join an existing transaction ({@code TPC_BEGIN_JOIN}). */
  JOIN,
  /** Resume a suspended transaction ({@code TPC_BEGIN_RESUME}). */
  RESUME,
  /** Promote a local transaction to a global one ({@code TPC_BEGIN_PROMOTE}). */
  PROMOTE
}
