/** Ahead-of-time processing support: the runtime hints a native image of an async-oracle application needs. */
package io.asyncoracle.boot.aot;
