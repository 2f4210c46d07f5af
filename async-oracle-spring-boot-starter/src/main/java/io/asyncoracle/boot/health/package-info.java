/** The actuator health indicator of the pool. */
package io.asyncoracle.boot.health;
