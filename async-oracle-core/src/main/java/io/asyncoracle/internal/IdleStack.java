package io.asyncoracle.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The idle connections, most recently used on top, guarded by {@link PoolState}'s lock (like
 * {@link WaiterQueue}): {@link PoolState} keeps the counts and decides; this only picks and takes.
 */
final class IdleStack implements Iterable<HeldConnection> {

  private final ArrayDeque<HeldConnection> idle = new ArrayDeque<>();

  boolean isEmpty() {
    return idle.isEmpty();
  }

  int size() {
    return idle.size();
  }

  void push(HeldConnection connection) {
    idle.push(connection);
  }

  HeldConnection pop() {
    return idle.pop();
  }

  /** The least recently used connection, taken out. */
  HeldConnection removeLast() {
    return idle.removeLast();
  }

  @Override
  public Iterator<HeldConnection> iterator() {
    return idle.iterator();
  }

  /**
   * The idle connection an acquire takes: the most recently used one, or for a tag, the most recent
   * with that tag, else the most recent untagged one (any with {@code matchAnyTag}). {@code null}
   * when none suits but the pool may still open one; a pool that cannot open gives its most recent
   * connection rather than keep the caller waiting while connections sit idle.
   */
  HeldConnection pick(AcquireFuture acquire, boolean canOpen) {
    if (acquire.tag == null) {
      return idle.pop();
    }
    HeldConnection untagged = null;
    for (HeldConnection h : idle) {
      String tag = h.state.tag;
      if (acquire.tag.equals(tag)) {
        idle.remove(h);
        return h;
      }
      if (untagged == null && (tag == null || acquire.matchAnyTag)) {
        untagged = h;
      }
    }
    if (untagged != null) {
      idle.remove(untagged);
      return untagged;
    }
    return canOpen ? null : idle.pop();
  }

  /** Takes out each connection {@code leave} selects, least recently used first. */
  List<HeldConnection> takeIf(Predicate<HeldConnection> leave) {
    List<HeldConnection> leaving = new ArrayList<>();
    for (Iterator<HeldConnection> it = idle.descendingIterator(); it.hasNext(); ) {
      HeldConnection h = it.next();
      if (leave.test(h)) {
        it.remove();
        leaving.add(h);
      }
    }
    return leaving;
  }

  /** Takes out every connection. */
  List<HeldConnection> takeAll() {
    List<HeldConnection> all = new ArrayList<>(idle);
    idle.clear();
    return all;
  }
}
