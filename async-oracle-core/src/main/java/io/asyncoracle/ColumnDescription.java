package io.asyncoracle;

/**
 * One column of a query result: the Java form of an entry of the DB API's
 * {@code cursor.description}.
 *
 * @param name the column label as the database reports it
 * @param typeName the database type name, e.g. {@code NUMBER} or {@code VARCHAR2}
 * @param jdbcType the {@link java.sql.Types} code
 * @param displaySize the display size
 * @param precision the precision, for numeric columns
 * @param scale the scale, for numeric columns
 * @param nullable whether the column may hold {@code null}
 */
public record ColumnDescription(String name, String typeName, int jdbcType, int displaySize,
    int precision, int scale, boolean nullable) {
}
