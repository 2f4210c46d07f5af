package io.asyncoracle.sample.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import io.asyncoracle.Row;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The bridge from the rows publisher to the writing thread: demand, end, failure and cancel. */
class RowStreamTest {

  private static final Duration WAIT = Duration.ofSeconds(5);

  /** Emits up to {@code total} rows, as many as requested, and records the demand it saw. */
  static final class CountingPublisher implements Flow.Publisher<Row> {
    final int total;
    final RuntimeException failAtEnd;
    final AtomicLong requested = new AtomicLong();
    final AtomicLong emitted = new AtomicLong();
    final AtomicBoolean cancelled = new AtomicBoolean();
    final List<Long> outstandingSeen = new ArrayList<>();
    Flow.Subscriber<? super Row> subscriber;

    CountingPublisher(int total, RuntimeException failAtEnd) {
      this.total = total;
      this.failAtEnd = failAtEnd;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super Row> s) {
      subscriber = s;
      s.onSubscribe(new Flow.Subscription() {
        @Override
        public void request(long n) {
          requested.addAndGet(n);
          outstandingSeen.add(requested.get() - emitted.get());
        }

        @Override
        public void cancel() {
          cancelled.set(true);
        }
      });
    }

    /** Delivers everything requested so far, then ends the stream if all rows went out. */
    void deliverRequested() {
      while (emitted.get() < requested.get() && emitted.get() < total && !cancelled.get()) {
        emitted.incrementAndGet();
        subscriber.onNext(mock(Row.class));
      }
      if (emitted.get() == total && !cancelled.get()) {
        if (failAtEnd != null) {
          subscriber.onError(failAtEnd);
        } else {
          subscriber.onComplete();
        }
      }
    }
  }

  @Test
  void neverAsksForMoreThanThePrefetchAheadOfTheReader() throws Exception {
    CountingPublisher publisher = new CountingPublisher(1_000, null);
    RowStream stream = new RowStream(16);
    publisher.subscribe(stream);

    int read = 0;
    publisher.deliverRequested();
    assertThat(stream.ready()).isCompleted();
    Row row;
    while ((row = stream.next(WAIT)) != null) {
      assertThat(row).isNotNull();
      read++;
      assertThat(publisher.requested.get() - read).isLessThanOrEqualTo(16);
      publisher.deliverRequested();
    }

    assertThat(read).isEqualTo(1_000);
    assertThat(publisher.outstandingSeen).allSatisfy(outstanding -> assertThat(outstanding).isLessThanOrEqualTo(16));
    assertThat(stream.finished()).isCompleted();
    assertThat(stream.next(WAIT)).isNull();
  }

  @Test
  void anEmptyResultIsReadyAndEndsAtOnce() throws Exception {
    CountingPublisher publisher = new CountingPublisher(0, null);
    RowStream stream = new RowStream(8);
    publisher.subscribe(stream);
    publisher.deliverRequested();

    assertThat(stream.ready()).isCompleted();
    assertThat(stream.next(WAIT)).isNull();
    assertThat(stream.finished()).isCompleted();
  }

  @Test
  void aFailureReachesTheReaderAfterTheRowsBeforeIt() throws Exception {
    IllegalStateException failure = new IllegalStateException("ORA-03113: end-of-file on communication channel");
    CountingPublisher publisher = new CountingPublisher(3, failure);
    RowStream stream = new RowStream(8);
    publisher.subscribe(stream);
    publisher.deliverRequested();

    assertThat(stream.next(WAIT)).isNotNull();
    assertThat(stream.next(WAIT)).isNotNull();
    assertThat(stream.next(WAIT)).isNotNull();
    assertThatThrownBy(() -> stream.next(WAIT)).isInstanceOf(RowStream.StreamFailedException.class).hasCause(failure);
    assertThat(stream.finished()).isCompletedExceptionally();
  }

  @Test
  void closingBeforeTheEndCancelsTheQueryAndFreesTheConnection() throws Exception {
    CountingPublisher publisher = new CountingPublisher(1_000, null);
    RowStream stream = new RowStream(8);
    publisher.subscribe(stream);
    publisher.deliverRequested();
    stream.next(WAIT);

    stream.close();

    assertThat(publisher.cancelled).isTrue();
    assertThat(stream.finished()).isCompleted();
  }

  @Test
  void aFailureBeforeTheFirstRowFailsReady() {
    RowStream stream = new RowStream(8);
    publisherThatNeverEmits().subscribe(stream);
    IllegalStateException failure = new IllegalStateException("pool closed");

    stream.failBeforeFirstRow(failure);

    assertThat(stream.ready()).isCompletedExceptionally();
    assertThatThrownBy(stream.ready()::join).isInstanceOf(CompletionException.class).hasCause(failure);
  }

  @Test
  void aReaderThatWaitsTooLongGivesUpAndCancels() {
    CountingPublisher publisher = new CountingPublisher(10, null);
    RowStream stream = new RowStream(8);
    publisher.subscribe(stream);

    assertThatThrownBy(() -> stream.next(Duration.ofMillis(50))).isInstanceOf(InterruptedIOException.class)
        .hasMessageContaining("no row from the database");
    assertThat(publisher.cancelled).isTrue();
    assertThat(stream.claimed()).isTrue();
  }

  private static Flow.Publisher<Row> publisherThatNeverEmits() {
    return subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
      @Override
      public void request(long n) {
      }

      @Override
      public void cancel() {
      }
    });
  }
}
