package io.asyncoracle.sample.order;

/**
 * What an import wrote.
 *
 * @param orders how many orders were inserted
 * @param items how many order lines were inserted
 */
public record ImportResult(long orders, long items) {
}
