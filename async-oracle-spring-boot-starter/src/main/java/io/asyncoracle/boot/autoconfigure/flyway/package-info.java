/** Connects Flyway (Spring Boot's flyway support) to the async-oracle database. */
package io.asyncoracle.boot.autoconfigure.flyway;
