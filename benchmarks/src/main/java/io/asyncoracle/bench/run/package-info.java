/** Drives contenders in closed loops and measures measurement windows. */
package io.asyncoracle.bench.run;
