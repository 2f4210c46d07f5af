package io.asyncoracle.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncoracle.GetMode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pool's state on its own: no UCP, no H2, no threads, and a clock the test moves. Every test
 * ends by checking the invariants.
 */
class PoolStateTest {

  private static final Engine TIMER_ONLY = Engine.shared();

  private final AtomicLong clock = new AtomicLong(1_000_000_000L);
  private PoolState state = new PoolState(new PoolStateLimits(2, 100, GetMode.WAIT, 1));
  private final List<AcquireFuture> gaveUp = new ArrayList<>();

  @AfterEach
  void invariantsHold() {
    state.checkInvariants();
  }

  private AcquireFuture acquire(long timeoutNanos) {
    long now = clock.get();
    return new AcquireFuture(null, gaveUp::add, now, timeoutNanos == 0 ? Long.MAX_VALUE : now + timeoutNanos, null,
        false, null, AcquireFuture.Delivery.APPLICATION);
  }

  private HeldConnection connection() {
    return new HeldConnection(null, null, false, null, clock.get());
  }

  /** Opens what admission reserved, as the opener would. */
  private HeldConnection open() {
    HeldConnection c = connection();
    ConnectionFate fate = state.opened(c);
    assertThat(fate).isIn(ConnectionFate.HANDED_ON, ConnectionFate.POOLED);
    return c;
  }

  @Test
  void anAcquireOnAnEmptyPoolReservesAnOpenAndTheOpenIsHandedToIt() {
    AcquireFuture first = acquire(0);
    assertThat(state.admit(first)).isEqualTo(Admission.QUEUED);
    assertThat(first.opens).isEqualTo(1);
    HeldConnection c = connection();
    assertThat(state.opened(c)).isEqualTo(ConnectionFate.HANDED_ON);
    assertThat(c.handedTo).isSameAs(first);
    assertThat(state.counts()).isEqualTo(new PoolCounts(1, 0, 1, 0, 0));
  }

  @Test
  void aReleaseMeetsTheNextWaiterFirstInFirstOut() {
    AcquireFuture a = acquire(0);
    AcquireFuture b = acquire(0);
    state.admit(a);
    state.admit(b);
    HeldConnection ca = open();
    HeldConnection cb = open();
    AcquireFuture c = acquire(0);
    AcquireFuture d = acquire(0);
    assertThat(state.admit(c)).isEqualTo(Admission.QUEUED);
    assertThat(c.opens).as("no room to open").isZero();
    state.admit(d);
    assertThat(state.cameBack(ca)).isEqualTo(ConnectionFate.HANDED_ON);
    assertThat(ca.handedTo).isSameAs(c);
    assertThat(state.cameBack(cb)).isEqualTo(ConnectionFate.HANDED_ON);
    assertThat(cb.handedTo).isSameAs(d);
    assertThat(state.cameBack(ca)).isEqualTo(ConnectionFate.POOLED);
    assertThat(state.lendIdleNow()).isSameAs(ca);
  }

  @Test
  void aCancelledWaiterIsSkippedAndLeavesTheQueueAtOnce() {
    state.admit(acquire(0));
    state.admit(acquire(0));
    HeldConnection c = open();
    open();
    AcquireFuture cancelled = acquire(0);
    AcquireFuture next = acquire(0);
    state.admit(cancelled);
    state.admit(next);
    cancelled.cancel(true);
    assertThat(gaveUp).containsExactly(cancelled);
    state.leaveQueue(cancelled);
    assertThat(state.counts().waiting()).isEqualTo(1);
    assertThat(state.cameBack(c)).isEqualTo(ConnectionFate.HANDED_ON);
    assertThat(c.handedTo).isSameAs(next);
  }

  @Test
  void oneSweepExpiresEveryWaiterPastItsDeadlineInQueueOrder() {
    state.admit(acquire(0));
    state.admit(acquire(0));
    open();
    open();
    List<AcquireFuture> queued = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      AcquireFuture w = acquire(1_000);
      state.admit(w);
      queued.add(w);
      clock.addAndGet(100);
    }
    List<AcquireFuture> expired = new ArrayList<>();
    // At start + 1200 the first three (started at +0, +100, +200) are past their deadline.
    clock.set(1_000_000_000L + 1_200);
    long next = state.expireWaiters(clock.get(), expired);
    assertThat(expired).containsExactlyElementsOf(queued.subList(0, 3));
    assertThat(next).isEqualTo(queued.get(3).deadline);
    assertThat(state.counts().waiting()).isEqualTo(2);
  }

  @Test
  void aConnectionThatIsLeavingKeepsItsPlaceUntilClosedSoNoReplacementOpensEarly() {
    state.admit(acquire(0));
    state.admit(acquire(0));
    HeldConnection dropped = open();
    open();
    AcquireFuture waiting = acquire(0);
    state.admit(waiting);
    state.stopLending(dropped);
    assertThat(state.reserveOpensForWaiters()).as("the dropped session is still open").isZero();
    assertThat(state.placeFreed(dropped)).as("closed: now its replacement opens").isEqualTo(1);
  }

  @Test
  void aboveMaxAComingBackConnectionClosesButOnlyAsManyAsAreAbove() {
    state = new PoolState(new PoolStateLimits(2, 100, GetMode.FORCEGET, 1));
    List<HeldConnection> lent = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      AcquireFuture a = acquire(0);
      state.admit(a);
      lent.add(open());
    }
    assertThat(state.counts().held()).isEqualTo(4);
    List<ConnectionFate> fates = new ArrayList<>();
    for (HeldConnection c : lent) {
      ConnectionFate fate = state.cameBack(c);
      fates.add(fate);
      if (fate == ConnectionFate.CLOSE) {
        state.placeFreed(c);
      }
    }
    assertThat(fates).containsExactly(ConnectionFate.CLOSE, ConnectionFate.CLOSE, ConnectionFate.POOLED,
        ConnectionFate.POOLED);
  }

  @Test
  void anOpenForAnAcquireThatGaveUpAboveMaxIsClosed() {
    state = new PoolState(new PoolStateLimits(1, 100, GetMode.FORCEGET, 1));
    state.admit(acquire(0));
    open();
    AcquireFuture forced = acquire(0);
    state.admit(forced);
    forced.cancel(true);
    state.leaveQueue(forced);
    HeldConnection late = connection();
    assertThat(state.opened(late)).isEqualTo(ConnectionFate.CLOSE);
    state.placeFreed(late);
  }

  @Test
  void growingMaxReservesAnOpenForEveryWaiterTheRoomAllows() {
    state.admit(acquire(0));
    state.admit(acquire(0));
    open();
    open();
    for (int i = 0; i < 10; i++) {
      state.admit(acquire(0));
    }
    List<HeldConnection> aboveMax = new ArrayList<>();
    assertThat(state.changeLimits(new PoolStateLimits(8, 100, GetMode.WAIT, 1), aboveMax)).isEqualTo(6);
    assertThat(aboveMax).isEmpty();
  }

  @Test
  void closingFailsTheWaitersRefusesNewAcquiresAndDoesNotWaitForOpensInFlight() {
    AcquireFuture first = acquire(0);
    state.admit(first);
    assertThat(state.counts().opening()).isEqualTo(1);
    PoolClosing closing = state.close(LentConnections.WAIT_FOR_THEM);
    assertThat(closing.waiters()).containsExactly(first);
    assertThat(state.admit(acquire(0))).isEqualTo(Admission.CLOSED);
    assertThat(state.closingAndNothingLent()).as("the open in flight is given up, not waited for").isTrue();
    HeldConnection late = connection();
    assertThat(state.opened(late)).isEqualTo(ConnectionFate.GIVE_BACK);
    state.placeFreed(late);
  }

  @Test
  void aCloseWithoutForceIsRefusedWhileConnectionsAreLent() {
    state.admit(acquire(0));
    HeldConnection c = open();
    assertThatThrownBy(() -> state.close(LentConnections.REFUSE)).isInstanceOf(IllegalStateException.class);
    assertThat(state.lifecycle()).isEqualTo(PoolLifecycle.OPEN);
    state.cameBack(c);
  }

  @Test
  void aSuspensionQueuesAcquiresAndTheResumeReservesTheirOpens() {
    state.admit(acquire(0));
    HeldConnection c = open();
    assertThat(state.cameBack(c)).isEqualTo(ConnectionFate.POOLED);
    List<HeldConnection> idle = state.suspend();
    assertThat(idle).containsExactly(c);
    assertThat(state.admit(acquire(0))).isEqualTo(Admission.QUEUED);
    assertThat(state.suspendedAndEmpty()).isFalse();
    state.placeFreed(c);
    assertThat(state.suspendedAndEmpty()).isTrue();
    assertThat(state.resume()).isEqualTo(1);
    state.openFailed();
  }

  @Test
  void theOneTimerFiresForTheHeadAndRearmsForTheNext() {
    state.admit(acquire(0));
    state.admit(acquire(0));
    open();
    open();
    List<AcquireFuture> timedOut = new ArrayList<>();
    // The timer only re-arms here: the test fires it itself, at the times its clock says.
    WaiterDeadlines deadlines = new WaiterDeadlines(TIMER_ONLY, clock::get, state, timedOut::add);
    AcquireFuture a = acquire(1_000);
    state.admit(a);
    clock.addAndGet(500);
    AcquireFuture b = acquire(1_000);
    state.admit(b);
    clock.addAndGet(600);
    deadlines.fire();
    assertThat(timedOut).containsExactly(a);
    clock.addAndGet(500);
    deadlines.fire();
    assertThat(timedOut).containsExactly(a, b);
  }
}
