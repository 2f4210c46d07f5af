package io.asyncoracle;

/** The kinds of temporary LOB {@link AsyncConnection#createLob(LobType)} creates. */
public enum LobType {
  /** A character LOB. */
  CLOB,
  /** A national character set LOB. */
  NCLOB,
  /** A binary LOB. */
  BLOB
}
