/** Auto-configuration of the async-oracle pool, template and shutdown, and its properties. */
package io.asyncoracle.boot.autoconfigure;
