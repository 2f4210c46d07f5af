/** Docker Compose service connections for the async-oracle pool. */
package io.asyncoracle.boot.docker.compose;
