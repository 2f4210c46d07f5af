/** Auto-configuration of the pool's health indicator. */
package io.asyncoracle.boot.autoconfigure.health;
