package io.asyncoracle.bench.workload;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CallTest {

  private final Workload.BenchmarkShape shape = () -> 2_000;

  @Test
  void acceptsTheRightRowWhateverNumberTypesTheDriverReturns() {
    Call call = new Call(Call.Kind.QUERY_ROW, "SELECT ...", new Object[] {7L}, new Object[] {7L, "item-7", new BigDecimal("0.49")});

    assertThatCode(() -> call.check(new Object[] {7, "item-7", new BigDecimal("0.490")})).doesNotThrowAnyException();
    assertThatCode(() -> call.check(new Object[] {new BigDecimal("7"), "item-7", 0.49})).doesNotThrowAnyException();
  }

  @Test
  void aWrongAnswerIsAFailure() {
    Call call = Workload.FAST_QUERY.next(shape);
    long id = ((Number) call.args()[0]).longValue();

    assertThatThrownBy(() -> call.check(new Object[] {id + 1, "item-" + (id + 1), BigDecimal.ONE}))
        .isInstanceOf(WrongResultException.class);
    assertThatThrownBy(() -> call.check(null)).isInstanceOf(WrongResultException.class);
    assertThatThrownBy(() -> call.check(new Object[] {id})).isInstanceOf(WrongResultException.class);
  }

  @Test
  void anInsertMustTouchOneRow() {
    Call call = Workload.INSERT.next(shape);

    assertThatCode(() -> call.check(1L)).doesNotThrowAnyException();
    assertThatThrownBy(() -> call.check(0L)).isInstanceOf(WrongResultException.class);
    assertThatThrownBy(() -> call.check("1")).isInstanceOf(WrongResultException.class);
  }

  @Test
  void insertsNeverReuseAnId() {
    long first = ((Number) Workload.INSERT.next(shape).args()[0]).longValue();
    long second = ((Number) Workload.INSERT.next(shape).args()[0]).longValue();

    org.assertj.core.api.Assertions.assertThat(second).isGreaterThan(first);
  }

  @Test
  void aFanOutRequestIsFiveIndependentRowsThatMustAllBeRight() {
    Call call = Workload.FAN_OUT.next(shape);
    Object[] ids = call.args();
    org.assertj.core.api.Assertions.assertThat(ids).hasSize(Workload.FAN_OUT_QUERIES);
    Object[] rows = new Object[ids.length];
    for (int i = 0; i < ids.length; i++) {
      long id = ((Number) ids[i]).longValue();
      rows[i] = new Object[] {id, io.asyncoracle.bench.db.Schema.name(id), io.asyncoracle.bench.db.Schema.amount(id)};
    }

    assertThatCode(() -> call.check(rows)).doesNotThrowAnyException();
    Object[] shorter = java.util.Arrays.copyOf(rows, 4);
    assertThatThrownBy(() -> call.check(shorter)).isInstanceOf(WrongResultException.class);
    Object[] swapped = rows.clone();
    swapped[0] = new Object[] {-1L, "item--1", BigDecimal.ONE};
    assertThatThrownBy(() -> call.check(swapped)).isInstanceOf(WrongResultException.class);
    assertThatThrownBy(() -> call.check(rows[0])).isInstanceOf(WrongResultException.class);
  }

  @Test
  void theLatencyBoundCallAsksForTheConfiguredServerTime() {
    Call call = Workload.LATENCY_BOUND.next(shape);

    org.assertj.core.api.Assertions.assertThat(call.args()).containsExactly(2_000L);
    assertThatCode(() -> call.check(new Object[] {2_000})).doesNotThrowAnyException();
  }
}
