package io.asyncoracle.internal;

import io.asyncoracle.GetMode;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The only owner of the pool's state: the idle stack, the waiter queue, the places and the
 * lifecycle. Every change is one method that takes the lock, changes the state and returns what the
 * caller must do once the lock is released (hand a connection to a waiter, open, give back, close).
 * Nothing here calls out: no driver, no UCP, no future completion, no application code. So it can be
 * tested on its own, and a callback can never run while the lock is held.
 *
 * <p>Invariants (see {@link #checkInvariants()}): every idle connection is held and not lent;
 * {@code idle + lent <= held}; {@code opening + held <= max}, except for connections opened beyond
 * max by {@link GetMode#FORCEGET} or left over from a lowered max, which leave as soon as they come
 * back.
 */
final class PoolState {

  /** Where the pool is in its life. */
  enum Lifecycle {
    /** Lends, opens and queues. */
    OPEN,
    /** Between suspend and resume: nothing is lent or opened; acquires queue; what comes back leaves. */
    SUSPENDED,
    /** Closed or closing: acquires fail; what comes back leaves. */
    CLOSING
  }

  /** What becomes of a connection that came back or was opened. */
  enum Fate {
    /** Pushed on the idle stack. */
    POOLED,
    /** Lent to the waiter in {@link HeldConnection#handedTo}. */
    HANDED_ON,
    /** Leaves the pool for UCP (the pool is suspended or closing); still held until {@link #placeFreed}. */
    GIVE_BACK,
    /** Closed for good (above max); still held until {@link #placeFreed}. */
    CLOSE
  }

  /** How an acquire was admitted. */
  enum Admission {
    /** An idle connection was taken for it: {@link AcquireFuture#candidate}. */
    LEND,
    /** Queued; {@link AcquireFuture#opens} opens were reserved (maybe none). */
    QUEUED,
    /** Refused: the pool is closed. */
    CLOSED,
    /** Refused: every connection is busy and the queue is full (or NOWAIT). */
    EXHAUSTED
  }

  /** What a failed open leaves to do: the waiter that gets the error, and whether another open was reserved. */
  record OpenFailure(AcquireFuture waiterToFail, int opens) {
  }

  /** What closing took out of the pool: the waiters to fail and the idle connections to give back. */
  record Closing(List<AcquireFuture> waiters, List<HeldConnection> idle) {
  }

  /** The limits the state enforces; replaced as a whole by a reconfigure. */
  record Limits(int max, int maxWaiters, GetMode getMode, int increment) {
  }

  /** A consistent view of the counts. */
  record Counts(int held, int idle, int lent, int waiting, int opening) {
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<HeldConnection> idle = new ArrayDeque<>();
  private final WaiterQueue waiters = new WaiterQueue();
  /** Every held connection: idle, lent, or on its way out. */
  private final Set<HeldConnection> allHeld = Collections.newSetFromMap(new IdentityHashMap<>());
  private int opening;
  private int held;
  private int lent;
  private Lifecycle lifecycle = Lifecycle.OPEN;
  private Limits limits;

  PoolState(Limits limits) {
    this.limits = limits;
  }

  // ---- lending --------------------------------------------------------------------------------

  /**
   * The fast path: the most recent idle connection when nobody waits, counted as lent.
   *
   * @return the connection, or {@code null} when the general path is needed
   */
  HeldConnection lendIdleNow() {
    lock.lock();
    try {
      if (lifecycle != Lifecycle.OPEN || !waiters.isEmpty() || idle.isEmpty()) {
        return null;
      }
      lent++;
      return idle.pop();
    } finally {
      lock.unlock();
    }
  }

  /** Admits an acquire: takes an idle connection for it, or queues it (reserving opens), or refuses it. */
  Admission admit(AcquireFuture acquire) {
    lock.lock();
    try {
      Limits current = limits;
      if (lifecycle == Lifecycle.CLOSING) {
        return Admission.CLOSED;
      }
      if (lifecycle == Lifecycle.SUSPENDED) {
        // Served after the resume; its acquire timeout runs meanwhile.
        return enqueueLocked(acquire, 0);
      }
      boolean canOpen = opening + held < current.max();
      HeldConnection candidate;
      if (waiters.isEmpty() && !idle.isEmpty() && (candidate = pickIdleLocked(acquire, canOpen)) != null) {
        lent++;
        acquire.candidate = candidate;
        return Admission.LEND;
      }
      if (canOpen) {
        // Grow by the increment, never beyond max: the first open serves this acquire (the queue is
        // FIFO), the others whoever asks next.
        int opens = Math.max(1, Math.min(current.increment(), current.max() - opening - held));
        opening += opens;
        waiters.add(acquire);
        acquire.opens = opens;
        return Admission.QUEUED;
      }
      if (current.getMode() == GetMode.FORCEGET) {
        opening++;
        waiters.add(acquire);
        acquire.opens = 1;
        return Admission.QUEUED;
      }
      if (current.getMode() == GetMode.NOWAIT) {
        return Admission.EXHAUSTED;
      }
      return enqueueLocked(acquire, 0);
    } finally {
      lock.unlock();
    }
  }

  private Admission enqueueLocked(AcquireFuture acquire, int opens) {
    if (waiters.size() >= limits.maxWaiters()) {
      return Admission.EXHAUSTED;
    }
    waiters.add(acquire);
    acquire.opens = opens;
    return Admission.QUEUED;
  }

  /**
   * The idle connection an acquire takes: the most recently used one, or for a tag, the most recent
   * with that tag, else the most recent untagged one (any with {@code matchAnyTag}). {@code null}
   * when none suits but the pool may still open one; a pool that cannot open gives its most recent
   * connection rather than keep the caller waiting while connections sit idle.
   */
  private HeldConnection pickIdleLocked(AcquireFuture acquire, boolean canOpen) {
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

  /** An acquire no longer waits (timed out, cancelled): it leaves the queue. */
  void leaveQueue(AcquireFuture acquire) {
    lock.lock();
    try {
      waiters.remove(acquire);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Takes the waiters whose deadline has passed out of the queue.
   *
   * @param now the clock's time
   * @param expired receives them
   * @return the next deadline among those still queued, or {@link Long#MAX_VALUE} for none
   */
  long expireWaiters(long now, List<AcquireFuture> expired) {
    lock.lock();
    try {
      return waiters.expire(now, expired);
    } finally {
      lock.unlock();
    }
  }

  // ---- coming back ----------------------------------------------------------------------------

  /** A lent connection comes back in good order: the next waiter gets it, or the idle stack, or it leaves. */
  Fate cameBack(HeldConnection connection) {
    lock.lock();
    try {
      lent--;
      if (lifecycle != Lifecycle.OPEN) {
        return Fate.GIVE_BACK;
      }
      if (staying() >= limits.max()) {
        // Opened beyond max (FORCEGET), or max was lowered: closed rather than pooled.
        return Fate.CLOSE;
      }
      return handOnLocked(connection);
    } finally {
      lock.unlock();
    }
  }

  /** A connection taken for an acquire that did not use it (timed out meanwhile, say): as {@link #cameBack}. */
  Fate notUsed(HeldConnection connection) {
    return cameBack(connection);
  }

  /** A new connection is open: the first waiter gets it, or the idle stack; above max with nobody waiting, it closes. */
  Fate opened(HeldConnection connection) {
    lock.lock();
    try {
      opening--;
      held++;
      allHeld.add(connection);
      if (lifecycle != Lifecycle.OPEN) {
        return Fate.GIVE_BACK;
      }
      AcquireFuture next = waiters.pollLive();
      if (next != null) {
        lent++;
        connection.handedTo = next;
        return Fate.HANDED_ON;
      }
      if (staying() >= limits.max()) {
        // Opened beyond max for an acquire that gave up meanwhile (FORCEGET).
        return Fate.CLOSE;
      }
      idle.push(connection);
      return Fate.POOLED;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The places taken by connections that stay: opening, lent or idle. Connections on their way out
   * still take a place (no replacement opens before they are closed) but do not count here, so one
   * leaving never makes another leave.
   */
  private int staying() {
    return opening + lent + idle.size();
  }

  private Fate handOnLocked(HeldConnection connection) {
    AcquireFuture next = waiters.pollLive();
    if (next != null) {
      lent++;
      connection.handedTo = next;
      return Fate.HANDED_ON;
    }
    idle.push(connection);
    return Fate.POOLED;
  }

  /** Reserves a place for an open made outside the queue (the first connection of a fail-fast create). */
  void reserveOpening() {
    lock.lock();
    try {
      opening++;
    } finally {
      lock.unlock();
    }
  }

  /** An open failed or was given up: the first waiter gets the error, and the others another attempt. */
  OpenFailure openFailed() {
    lock.lock();
    try {
      opening--;
      if (lifecycle != Lifecycle.OPEN) {
        // Suspended: the waiters wait for the resume; closing: they were failed already.
        return new OpenFailure(null, 0);
      }
      AcquireFuture first = waiters.pollLive();
      int opens = 0;
      if (!waiters.isEmpty() && waiters.size() > opening && opening + held < limits.max()) {
        // Each fails fast while the database is down; one at a time, not a storm.
        opening++;
        opens = 1;
      }
      return new OpenFailure(first, opens);
    } finally {
      lock.unlock();
    }
  }

  // ---- leaving --------------------------------------------------------------------------------

  /**
   * A lent connection will not be pooled again (dropped, broken, past its lifetime or its hold): it
   * is no longer lent but stays held, taking its place, until {@link #placeFreed} once it is closed
   * or given back. So a replacement never opens while the old session is still open.
   */
  void stopLending(HeldConnection connection) {
    lock.lock();
    try {
      lent--;
    } finally {
      lock.unlock();
    }
  }

  /**
   * A connection that was leaving is closed or back in UCP: its place is free.
   *
   * @return how many opens to start for acquires waiting
   */
  int placeFreed(HeldConnection connection) {
    lock.lock();
    try {
      if (allHeld.remove(connection)) {
        held--;
      }
      return reserveOpensForWaitersLocked();
    } finally {
      lock.unlock();
    }
  }

  /**
   * A lent connection whose call never returns is given up: its place is free now, whatever the
   * driver does later.
   *
   * @return how many opens to start for acquires waiting
   */
  int abandoned(HeldConnection connection) {
    lock.lock();
    try {
      lent--;
      if (allHeld.remove(connection)) {
        held--;
      }
      return reserveOpensForWaitersLocked();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Reserves an open for each waiter no open is for yet, as far as max allows.
   *
   * @return how many opens to start
   */
  int reserveOpensForWaiters() {
    lock.lock();
    try {
      return reserveOpensForWaitersLocked();
    } finally {
      lock.unlock();
    }
  }

  private int reserveOpensForWaitersLocked() {
    if (lifecycle != Lifecycle.OPEN) {
      return 0;
    }
    waiters.dropDone();
    int opens = Math.max(0, Math.min(waiters.size() - opening, limits.max() - opening - held));
    opening += opens;
    return opens;
  }

  /**
   * Takes idle connections out of the pool (housekeeping): each one {@code leave} selects stays held
   * until {@link #placeFreed}. Least recently used first.
   *
   * @param leave selects the connections that leave
   * @return those that leave
   */
  List<HeldConnection> takeIdle(Predicate<HeldConnection> leave) {
    List<HeldConnection> leaving = new ArrayList<>();
    lock.lock();
    try {
      for (Iterator<HeldConnection> it = idle.descendingIterator(); it.hasNext(); ) {
        HeldConnection h = it.next();
        if (leave.test(h)) {
          it.remove();
          leaving.add(h);
        }
      }
    } finally {
      lock.unlock();
    }
    return leaving;
  }

  /**
   * New limits (a reconfigure). With a lower max, idle connections above it leave now (lent ones as
   * they come back); with a higher one, the waiters get the opens the new room allows.
   *
   * @param next the limits
   * @param aboveMax receives the idle connections that leave
   * @return how many opens to start
   */
  int changeLimits(Limits next, List<HeldConnection> aboveMax) {
    lock.lock();
    try {
      limits = next;
      while (staying() > next.max() && !idle.isEmpty()) {
        aboveMax.add(idle.removeLast());
      }
      return reserveOpensForWaitersLocked();
    } finally {
      lock.unlock();
    }
  }

  // ---- lifecycle ------------------------------------------------------------------------------

  /** The lifecycle now. */
  Lifecycle lifecycle() {
    lock.lock();
    try {
      return lifecycle;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Suspends an open pool: the idle connections leave (held until given back).
   *
   * @return the idle connections, or {@code null} if the pool was not open
   */
  List<HeldConnection> suspend() {
    lock.lock();
    try {
      if (lifecycle != Lifecycle.OPEN) {
        return null;
      }
      lifecycle = Lifecycle.SUSPENDED;
      List<HeldConnection> leaving = new ArrayList<>(idle);
      idle.clear();
      return leaving;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Resumes a suspended pool.
   *
   * @return how many opens to start for the acquires that waited, or -1 if the pool was not suspended
   */
  int resume() {
    lock.lock();
    try {
      if (lifecycle != Lifecycle.SUSPENDED) {
        return -1;
      }
      lifecycle = Lifecycle.OPEN;
      return reserveOpensForWaitersLocked();
    } finally {
      lock.unlock();
    }
  }

  /** Whether a suspended pool holds nothing any more: nothing lent, opening or on its way out. */
  boolean suspendedAndEmpty() {
    lock.lock();
    try {
      return lifecycle == Lifecycle.SUSPENDED && lent == 0 && opening == 0 && held == 0;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Starts closing. Fails, without changing anything, when connections are lent and {@code lentAllowed}
   * is not {@link LentConnections#WAIT_FOR_THEM}.
   *
   * @return what closing took out, or {@code null} when the pool is already closing
   * @throws IllegalStateException (with the count) when connections are lent and the close may not wait
   */
  Closing close(LentConnections lentAllowed) {
    lock.lock();
    try {
      if (lifecycle == Lifecycle.CLOSING) {
        return null;
      }
      if (lentAllowed == LentConnections.REFUSE && lent > 0) {
        throw new IllegalStateException(Integer.toString(lent));
      }
      lifecycle = Lifecycle.CLOSING;
      List<AcquireFuture> queued = waiters.removeAll();
      List<HeldConnection> leaving = new ArrayList<>(idle);
      idle.clear();
      return new Closing(queued, leaving);
    } finally {
      lock.unlock();
    }
  }

  /** What a close does with connections still lent. */
  enum LentConnections {
    /** Refuse to close (ORA-24422). */
    REFUSE,
    /** Close, and finish once they come back. */
    WAIT_FOR_THEM
  }

  /**
   * Whether a closing pool has nothing lent any more. Opens still in flight do not count: closing
   * gives up on them (a connect stuck on a dead database must not hold the close).
   */
  boolean closingAndNothingLent() {
    lock.lock();
    try {
      return lifecycle == Lifecycle.CLOSING && lent == 0;
    } finally {
      lock.unlock();
    }
  }

  // ---- views ----------------------------------------------------------------------------------

  /** The counts, consistent with each other. */
  Counts counts() {
    lock.lock();
    try {
      return new Counts(held, idle.size(), lent, waiters.size(), opening);
    } finally {
      lock.unlock();
    }
  }

  /** How many connections are lent now. */
  int lent() {
    lock.lock();
    try {
      return lent;
    } finally {
      lock.unlock();
    }
  }

  /** The limits now. */
  Limits limits() {
    return limits;
  }

  /** The sessions connections are lent to now. */
  List<Session> lentSessions() {
    List<Session> sessions = new ArrayList<>();
    lock.lock();
    try {
      for (HeldConnection h : allHeld) {
        Session s = h.lentTo;
        if (s != null) {
          sessions.add(s);
        }
      }
    } finally {
      lock.unlock();
    }
    return sessions;
  }

  /**
   * Checks the invariants; for tests.
   *
   * @throws IllegalStateException naming the first one broken
   */
  void checkInvariants() {
    lock.lock();
    try {
      require(opening >= 0 && held >= 0 && lent >= 0, "no count is negative");
      require(allHeld.size() == held, "held counts every held connection");
      require(idle.size() + lent <= held, "idle + lent <= held");
      for (HeldConnection h : idle) {
        require(allHeld.contains(h), "every idle connection is held");
      }
      require(lifecycle == Lifecycle.OPEN || idle.isEmpty(), "only an open pool keeps idle connections");
      require(limits.getMode() == GetMode.FORCEGET || opening + held <= Math.max(limits.max(), held),
          "opening + held <= max");
    } finally {
      lock.unlock();
    }
  }

  private void require(boolean condition, String invariant) {
    if (!condition) {
      throw new IllegalStateException("pool state invariant broken: " + invariant + " (opening=" + opening
          + ", held=" + held + ", lent=" + lent + ", idle=" + idle.size() + ", waiting=" + waiters.size() + ")");
    }
  }

  @Override
  public String toString() {
    Counts c = counts();
    return "total=" + c.held() + ", busy=" + c.lent() + ", idle=" + c.idle() + ", waiting=" + c.waiting()
        + ", opening=" + c.opening();
  }
}
