/** Ordering of the pool's users after database initialization (Flyway, Liquibase, SQL scripts). */
package io.asyncoracle.boot.sql;
