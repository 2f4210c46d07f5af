/** Connects Spring Boot's JDBC connection details to the async-oracle database. */
package io.asyncoracle.boot.autoconfigure.jdbc;
