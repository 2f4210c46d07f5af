/** Small helpers shared by the starter's beans. */
package io.asyncoracle.boot.support;
