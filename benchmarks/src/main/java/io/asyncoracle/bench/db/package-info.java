/** The database the benchmark runs against: an H2 TCP server it starts itself, or a real Oracle. */
package io.asyncoracle.bench.db;
