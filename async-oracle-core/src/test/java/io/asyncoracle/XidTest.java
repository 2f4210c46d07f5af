package io.asyncoracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class XidTest {

  @Test
  void holdsTheIdsAsUtf8Bytes() {
    Xid xid = Xid.of(0x1234, "txn-é", "branch");
    assertThat(xid.getFormatId()).isEqualTo(0x1234);
    assertThat(xid.getGlobalTransactionId()).isEqualTo("txn-é".getBytes(StandardCharsets.UTF_8));
    assertThat(xid.getBranchQualifier()).isEqualTo("branch".getBytes(StandardCharsets.UTF_8));
    assertThat(xid).hasToString("Xid[formatId=4660, gtrid=txn-é, bqual=branch]");
  }

  @Test
  void isImmutable() {
    byte[] gtrid = {1, 2};
    Xid xid = new Xid(1, gtrid, new byte[] {3});
    gtrid[0] = 9;
    xid.getGlobalTransactionId()[1] = 9;
    assertThat(xid.getGlobalTransactionId()).containsExactly(1, 2);
  }

  @Test
  void equalityIsByValueAndCopiesOfForeignXidsAreEqual() {
    Xid xid = Xid.of(1, "g", "b");
    assertThat(xid).isEqualTo(Xid.of(1, "g", "b")).hasSameHashCodeAs(Xid.of(1, "g", "b"));
    assertThat(xid).isNotEqualTo(Xid.of(2, "g", "b")).isNotEqualTo(Xid.of(1, "g", "c"));
    javax.transaction.xa.Xid foreign = new javax.transaction.xa.Xid() {
      @Override
      public int getFormatId() {
        return 1;
      }

      @Override
      public byte[] getGlobalTransactionId() {
        return "g".getBytes(StandardCharsets.UTF_8);
      }

      @Override
      public byte[] getBranchQualifier() {
        return "b".getBytes(StandardCharsets.UTF_8);
      }
    };
    assertThat(Xid.from(foreign)).isEqualTo(xid);
    assertThat(Xid.from(xid)).isSameAs(xid);
  }

  @Test
  void idsAreLimitedTo64Bytes() {
    assertThat(Xid.of(1, "g".repeat(64), "b".repeat(64)).getGlobalTransactionId()).hasSize(64);
    assertThatThrownBy(() -> Xid.of(1, "g".repeat(65), "b"))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("globalTransactionId"));
    assertThatThrownBy(() -> Xid.of(1, "g", "é".repeat(33)))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("branchQualifier"));
    assertThatThrownBy(() -> Xid.of(1, null, "b")).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> new Xid(1, new byte[1], null)).isInstanceOf(InvalidArgumentException.class);
  }
}
