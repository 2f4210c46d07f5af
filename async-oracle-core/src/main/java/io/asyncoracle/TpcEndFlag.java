package io.asyncoracle;

/** How {@link AsyncConnection#tpcEnd(Xid, TpcEndFlag)} ends work on a global transaction. */
public enum TpcEndFlag {
  /** End the work normally ({@code TPC_END_NORMAL}). */
  NORMAL,
  /** Suspend the work so it can be resumed later ({@code TPC_END_SUSPEND}). */
  SUSPEND
}
