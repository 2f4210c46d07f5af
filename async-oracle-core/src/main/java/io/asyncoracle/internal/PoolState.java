package io.asyncoracle.internal;

import io.asyncoracle.GetMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The only owner of the pool's state: the idle stack ({@link IdleStack}), the waiter queue, the places and the
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

  private final ReentrantLock lock = new ReentrantLock();
  private final IdleStack idle = new IdleStack();
  private final WaiterQueue waiters = new WaiterQueue();
  /** Every held connection: idle, lent, or on its way out. */
  private final Set<HeldConnection> allHeld = Collections.newSetFromMap(new IdentityHashMap<>());
  private int opening;
  private int held;
  private int lent;
  private PoolLifecycle lifecycle = PoolLifecycle.OPEN;
  private PoolStateLimits limits;

  PoolState(PoolStateLimits limits) {
    this.limits = limits;
  }

  // ---- lending --------------------------------------------------------------------------------

  /** The fast path: the most recent idle connection when nobody waits, counted as lent; else {@code null}. */
  HeldConnection lendIdleNow() {
    lock.lock();
    try {
      if (lifecycle != PoolLifecycle.OPEN || !waiters.isEmpty() || idle.isEmpty()) {
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
      PoolStateLimits current = limits;
      if (lifecycle == PoolLifecycle.CLOSING) {
        return Admission.CLOSED;
      }
      if (lifecycle == PoolLifecycle.SUSPENDED) {
        // Served after the resume; its acquire timeout runs meanwhile.
        return enqueueLocked(acquire, 0);
      }
      boolean canOpen = opening + held < current.max();
      HeldConnection candidate;
      if (waiters.isEmpty() && !idle.isEmpty() && (candidate = idle.pick(acquire, canOpen)) != null) {
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

  /** An acquire no longer waits (timed out, cancelled): it leaves the queue. */
  void leaveQueue(AcquireFuture acquire) {
    lock.lock();
    try {
      waiters.remove(acquire);
    } finally {
      lock.unlock();
    }
  }

  /** Moves the waiters whose deadline passed to {@code expired}; returns the next deadline, or MAX_VALUE. */
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
  ConnectionFate cameBack(HeldConnection connection) {
    lock.lock();
    try {
      lent--;
      if (lifecycle != PoolLifecycle.OPEN) {
        return ConnectionFate.GIVE_BACK;
      }
      if (staying() >= limits.max()) {
        // Opened beyond max (FORCEGET), or max was lowered: closed rather than pooled.
        return ConnectionFate.CLOSE;
      }
      return handOnLocked(connection);
    } finally {
      lock.unlock();
    }
  }

  /** A connection taken for an acquire that did not use it (timed out meanwhile, say): as {@link #cameBack}. */
  ConnectionFate notUsed(HeldConnection connection) {
    return cameBack(connection);
  }

  /** A new connection is open: the first waiter gets it, or the idle stack; above max with nobody waiting, it closes. */
  ConnectionFate opened(HeldConnection connection) {
    lock.lock();
    try {
      opening--;
      held++;
      allHeld.add(connection);
      if (lifecycle != PoolLifecycle.OPEN) {
        return ConnectionFate.GIVE_BACK;
      }
      AcquireFuture next = waiters.pollLive();
      if (next != null) {
        lent++;
        connection.handedTo = next;
        return ConnectionFate.HANDED_ON;
      }
      if (staying() >= limits.max()) {
        // Opened beyond max for an acquire that gave up meanwhile (FORCEGET).
        return ConnectionFate.CLOSE;
      }
      idle.push(connection);
      return ConnectionFate.POOLED;
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

  private ConnectionFate handOnLocked(HeldConnection connection) {
    AcquireFuture next = waiters.pollLive();
    if (next != null) {
      lent++;
      connection.handedTo = next;
      return ConnectionFate.HANDED_ON;
    }
    idle.push(connection);
    return ConnectionFate.POOLED;
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
      if (lifecycle != PoolLifecycle.OPEN) {
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

  /** A connection that was leaving is closed or back in UCP: its place is free. Returns the opens to start. */
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
   * driver does later. Returns how many opens to start for acquires waiting.
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

  /** Reserves an open for each waiter no open is for yet, as far as max allows; returns how many to start. */
  int reserveOpensForWaiters() {
    lock.lock();
    try {
      return reserveOpensForWaitersLocked();
    } finally {
      lock.unlock();
    }
  }

  private int reserveOpensForWaitersLocked() {
    if (lifecycle != PoolLifecycle.OPEN) {
      return 0;
    }
    waiters.dropDone();
    int opens = Math.max(0, Math.min(waiters.size() - opening, limits.max() - opening - held));
    opening += opens;
    return opens;
  }

  /**
   * Takes the idle connections {@code leave} selects out of the pool (housekeeping), least recently
   * used first; each stays held until {@link #placeFreed}.
   */
  List<HeldConnection> takeIdle(Predicate<HeldConnection> leave) {
    lock.lock();
    try {
      return idle.takeIf(leave);
    } finally {
      lock.unlock();
    }
  }

  /**
   * New limits (a reconfigure). With a lower max, idle connections above it leave now (lent ones as
   * they come back, into {@code aboveMax}); with a higher one, the waiters get the opens the new
   * room allows. Returns how many opens to start.
   */
  int changeLimits(PoolStateLimits next, List<HeldConnection> aboveMax) {
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
  PoolLifecycle lifecycle() {
    lock.lock();
    try {
      return lifecycle;
    } finally {
      lock.unlock();
    }
  }

  /** Suspends an open pool: returns the idle connections, which leave (held until given back), or null. */
  List<HeldConnection> suspend() {
    lock.lock();
    try {
      if (lifecycle != PoolLifecycle.OPEN) {
        return null;
      }
      lifecycle = PoolLifecycle.SUSPENDED;
      return idle.takeAll();
    } finally {
      lock.unlock();
    }
  }

  /** Resumes a suspended pool: returns the opens to start for the acquires that waited, or -1 if not suspended. */
  int resume() {
    lock.lock();
    try {
      if (lifecycle != PoolLifecycle.SUSPENDED) {
        return -1;
      }
      lifecycle = PoolLifecycle.OPEN;
      return reserveOpensForWaitersLocked();
    } finally {
      lock.unlock();
    }
  }

  /** Whether a suspended pool holds nothing any more: nothing lent, opening or on its way out. */
  boolean suspendedAndEmpty() {
    lock.lock();
    try {
      return lifecycle == PoolLifecycle.SUSPENDED && lent == 0 && opening == 0 && held == 0;
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
  PoolClosing close(LentConnections lentAllowed) {
    lock.lock();
    try {
      if (lifecycle == PoolLifecycle.CLOSING) {
        return null;
      }
      if (lentAllowed == LentConnections.REFUSE && lent > 0) {
        throw new IllegalStateException(Integer.toString(lent));
      }
      lifecycle = PoolLifecycle.CLOSING;
      List<AcquireFuture> queued = waiters.removeAll();
      return new PoolClosing(queued, idle.takeAll());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Whether a closing pool has nothing lent any more. Opens still in flight do not count: closing
   * gives up on them (a connect stuck on a dead database must not hold the close).
   */
  boolean closingAndNothingLent() {
    lock.lock();
    try {
      return lifecycle == PoolLifecycle.CLOSING && lent == 0;
    } finally {
      lock.unlock();
    }
  }

  // ---- views ----------------------------------------------------------------------------------

  /** The counts, consistent with each other. */
  PoolCounts counts() {
    lock.lock();
    try {
      return new PoolCounts(held, idle.size(), lent, waiters.size(), opening);
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
  PoolStateLimits limits() {
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

  /** Checks the invariants, for tests: throws IllegalStateException naming the first one broken. */
  void checkInvariants() {
    lock.lock();
    try {
      require(opening >= 0 && held >= 0 && lent >= 0, "no count is negative");
      require(allHeld.size() == held, "held counts every held connection");
      require(idle.size() + lent <= held, "idle + lent <= held");
      for (HeldConnection h : idle) {
        require(allHeld.contains(h), "every idle connection is held");
      }
      require(lifecycle == PoolLifecycle.OPEN || idle.isEmpty(), "only an open pool keeps idle connections");
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
    PoolCounts c = counts();
    return "total=" + c.held() + ", busy=" + c.lent() + ", idle=" + c.idle() + ", waiting=" + c.waiting()
        + ", opening=" + c.opening();
  }
}
