-- H2 only: the cancellable stand-in for DBMS_SESSION.SLEEP that /api/slow calls.
create alias sleep_seconds for 'io.asyncoracle.sample.db.H2Functions.sleepSeconds';
