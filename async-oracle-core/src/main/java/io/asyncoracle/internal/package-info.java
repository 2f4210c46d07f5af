/**
 * Implementation of async-oracle. Not part of the API: anything here may change in any release.
 */
package io.asyncoracle.internal;
