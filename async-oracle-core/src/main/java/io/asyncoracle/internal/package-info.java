/**
 * Implementation of async-oracle. Not part of the API: anything here may change in any release.
 *
 * <h2>Words used throughout</h2>
 * <dl>
 *   <dt>place</dt>
 *   <dd>One unit of the pool's {@code max}. A place is <em>opening</em> (a connection is being
 *       borrowed from UCP for it), <em>idle</em>, <em>lent</em>, or <em>leaving</em> (its connection
 *       is being closed or given back, and it still counts, so no replacement opens early).</dd>
 *   <dt>held</dt>
 *   <dd>A physical connection the pool borrowed from UCP and has not given back: idle, lent or
 *       leaving ({@link io.asyncoracle.internal.HeldConnection}).</dd>
 *   <dt>idle</dt>
 *   <dd>Held and on the pool's LIFO stack, ready to be lent without asking UCP.</dd>
 *   <dt>lent</dt>
 *   <dd>Held and in an application's hands, as one {@link io.asyncoracle.internal.Session}: a lend
 *       is one request for the driver ({@code beginRequest}/{@code endRequest}).</dd>
 *   <dt>opening</dt>
 *   <dd>A place reserved for a connection {@link io.asyncoracle.internal.PoolOpener} is borrowing
 *       from UCP, within the connect timeout.</dd>
 *   <dt>give back</dt>
 *   <dd>To return a held connection to UCP (it stays open there). To <em>close</em> it is to end the
 *       physical session; to <em>discard</em> it is to close it as broken, never to be lent again.</dd>
 *   <dt>come back</dt>
 *   <dd>A lent connection released by the application: it meets the next waiter, or goes on the
 *       idle stack, or leaves.</dd>
 *   <dt>waiter</dt>
 *   <dd>An acquire queued for a connection ({@link io.asyncoracle.internal.AcquireFuture}), in FIFO
 *       order, which is also deadline order.</dd>
 * </dl>
 *
 * <h2>Where things live</h2>
 * <p>{@link io.asyncoracle.internal.PoolState} alone owns the pool's lock and state; every change is
 * one method that returns what to do once the lock is released, and
 * {@link io.asyncoracle.internal.UcpAsyncPool} (the facade) does it. Futures the application gets are
 * completed through the {@link io.asyncoracle.internal.Engine}, which uses the per-thread
 * {@link io.asyncoracle.internal.DeliveryLoop}: however deep callbacks call back into the pool, the
 * stack stays bounded.
 */
package io.asyncoracle.internal;
