package io.asyncoracle.internal;

import io.asyncoracle.InvalidArgumentException;
import io.asyncoracle.TpcBeginFlag;
import io.asyncoracle.TpcEndFlag;
import io.asyncoracle.Xid;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;

/**
 * The {@code tpc*} family on Oracle's XA resource for the session's physical connection. Runs on
 * the lane. The resource is the thin driver's native one, {@code T4CXAConnection} /
 * {@code T4CXAResource}, which {@code OracleXADataSource} itself builds for thin URLs (its
 * {@code setURL} turns {@code useNativeXA} on for {@code jdbc:oracle:thin}; read with {@code javap -c}):
 * XA calls go to the server as TTC messages and need only the XA privileges. The generic {@code OracleXAConnection} would run
 * {@code "PUBLIC".JAVA_XA.xa_start_new(...)}, a PL/SQL package that exists only where Oracle JVM's
 * XA support is installed (PLS-00201 elsewhere). XA errors become {@link SQLException}s carrying the XA error code so the one mapper in
 * {@link Errors} handles them.
 */
final class TwoPhaseCommit {

  private final Session session;
  private XAResource resource;
  private Xid current;
  private boolean prepared;

  TwoPhaseCommit(Session session) {
    this.session = session;
  }

  private XAResource resource(String feature) throws SQLException {
    oracle.jdbc.OracleConnection physical = session.oracleConnection(feature);
    if (resource == null) {
      try {
        resource = new oracle.jdbc.driver.T4CXAConnection(physical).getXAResource();
      } catch (XAException e) {
        throw xa(feature, e);
      }
    }
    return resource;
  }

  Void begin(Xid xid, TpcBeginFlag flag, int timeoutSeconds) throws SQLException {
    XAResource xa = resource("tpcBegin");
    int flags = switch (flag) {
      case NEW -> XAResource.TMNOFLAGS;
      case JOIN -> XAResource.TMJOIN;
      case RESUME -> XAResource.TMRESUME;
      case PROMOTE -> oracle.jdbc.xa.OracleXAResource.TMPROMOTE;
    };
    try {
      if (timeoutSeconds > 0) {
        xa.setTransactionTimeout(timeoutSeconds);
      }
      xa.start(xid, flags);
    } catch (XAException e) {
      throw xa("tpcBegin", e);
    }
    current = xid;
    prepared = false;
    session.changes().markDirty();
    return null;
  }

  Void end(Xid xid, TpcEndFlag flag) throws SQLException {
    XAResource xa = resource("tpcEnd");
    try {
      xa.end(target("tpcEnd", xid), flag == TpcEndFlag.SUSPEND ? XAResource.TMSUSPEND : XAResource.TMSUCCESS);
    } catch (XAException e) {
      throw xa("tpcEnd", e);
    }
    return null;
  }

  Boolean prepare(Xid xid) throws SQLException {
    XAResource xa = resource("tpcPrepare");
    try {
      int vote = xa.prepare(target("tpcPrepare", xid));
      prepared = true;
      return vote == XAResource.XA_OK;
    } catch (XAException e) {
      throw xa("tpcPrepare", e);
    }
  }

  Void commit(Xid xid, boolean onePhase) throws SQLException {
    XAResource xa = resource("tpcCommit");
    try {
      // Without an xid the driver state decides: one phase unless tpcPrepare ran.
      boolean single = xid == null ? !prepared : onePhase;
      xa.commit(target("tpcCommit", xid), single);
    } catch (XAException e) {
      throw xa("tpcCommit", e);
    }
    finished(xid);
    return null;
  }

  Void rollback(Xid xid) throws SQLException {
    XAResource xa = resource("tpcRollback");
    try {
      xa.rollback(target("tpcRollback", xid));
    } catch (XAException e) {
      throw xa("tpcRollback", e);
    }
    finished(xid);
    return null;
  }

  Void forget(Xid xid) throws SQLException {
    try {
      resource("tpcForget").forget(xid);
    } catch (XAException e) {
      throw xa("tpcForget", e);
    }
    return null;
  }

  List<Xid> recover() throws SQLException {
    try {
      javax.transaction.xa.Xid[] found = resource("tpcRecover").recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
      List<Xid> result = new ArrayList<>();
      if (found != null) {
        for (javax.transaction.xa.Xid x : found) {
          result.add(Xid.from(x));
        }
      }
      return result;
    } catch (XAException e) {
      throw xa("tpcRecover", e);
    }
  }

  private Xid target(String feature, Xid xid) {
    Xid target = xid != null ? xid : current;
    if (target == null) {
      throw new InvalidArgumentException("xid", feature + ": no xid given and no transaction was begun with tpcBegin");
    }
    return target;
  }

  private void finished(Xid xid) {
    if (xid == null || xid.equals(current)) {
      current = null;
      prepared = false;
      session.markClean();
    }
  }

  private static SQLException xa(String feature, XAException e) {
    Throwable cause = e.getCause();
    if (cause instanceof SQLException sql) {
      return sql;
    }
    SQLException wrapped = new SQLException(feature + " failed with XA error " + e.errorCode
        + (e.getMessage() != null ? ": " + e.getMessage() : ""), "XA000", e.errorCode);
    wrapped.initCause(e);
    return wrapped;
  }
}
