package io.asyncoracle;

/** How {@link AsyncCursor#scroll(int, ScrollMode)} moves a scrollable cursor. */
public enum ScrollMode {
  /** Move by the given number of rows from the current position (negative moves back). */
  RELATIVE,
  /** Move to the given 1-based row number. */
  ABSOLUTE,
  /** Move to the first row; the value is ignored. */
  FIRST,
  /** Move to the last row; the value is ignored. */
  LAST
}
