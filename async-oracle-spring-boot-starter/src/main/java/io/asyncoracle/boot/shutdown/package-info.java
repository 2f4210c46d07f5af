/** Closing the pool when the application stops. */
package io.asyncoracle.boot.shutdown;
