package io.asyncoracle;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A named database object or collection type, returned by {@link AsyncConnection#getType(String)}:
 * the counterpart of python-oracledb's {@code DbObjectType}. Oracle only.
 */
public interface DbObjectType {

  /**
   * Returns the schema that owns the type.
   *
   * @return the schema name
   */
  String schema();

  /**
   * Returns the type name.
   *
   * @return the unqualified type name
   */
  String name();

  /**
   * Returns whether this is a collection type (VARRAY or nested table).
   *
   * @return {@code true} for a collection
   */
  boolean isCollection();

  /**
   * Returns the element type name of a collection type.
   *
   * @return the element type name, or {@code null} for an object type
   */
  String elementTypeName();

  /**
   * Returns the attributes of an object type, in declaration order.
   *
   * @return the attributes; empty for a collection type
   */
  List<Attribute> attributes();

  /**
   * Creates an instance of this type that can be bound as a parameter: a {@link java.sql.Struct}
   * for an object type, a {@link java.sql.Array} for a collection type.
   *
   * @param values the attribute values in order, or the collection's elements
   * @return a future of the instance
   */
  CompletableFuture<Object> newObject(Object... values);

  /**
   * One attribute of an object type.
   *
   * @param name the attribute name
   * @param typeName the attribute's type name
   */
  record Attribute(String name, String typeName) {
  }
}
