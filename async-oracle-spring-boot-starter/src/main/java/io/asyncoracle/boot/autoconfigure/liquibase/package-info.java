/** Connects Liquibase (Spring Boot's liquibase support) to the async-oracle database. */
package io.asyncoracle.boot.autoconfigure.liquibase;
