/**
 * Reactor adapters for async-oracle's publishers and futures, for applications that have Reactor
 * (an optional dependency of the starter).
 */
package io.asyncoracle.boot.reactor;
