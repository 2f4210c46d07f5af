/** What the contenders are asked to do, and how each answer is checked. */
package io.asyncoracle.bench.workload;
