package io.asyncoracle.internal;

import io.asyncoracle.DbObjectType;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A named Oracle object or collection type; instances are made on the owning connection's lane. */
final class DbObjectTypeImpl implements DbObjectType {

  private final Session session;
  private final String schema;
  private final String name;
  private final boolean collection;
  private final String elementTypeName;
  private final List<Attribute> attributes;

  DbObjectTypeImpl(Session session, String schema, String name, boolean collection, String elementTypeName,
      List<Attribute> attributes) {
    this.session = session;
    this.schema = schema;
    this.name = name;
    this.collection = collection;
    this.elementTypeName = elementTypeName;
    this.attributes = attributes;
  }

  @Override
  public String schema() {
    return schema;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean isCollection() {
    return collection;
  }

  @Override
  public String elementTypeName() {
    return elementTypeName;
  }

  @Override
  public List<Attribute> attributes() {
    return attributes;
  }

  @Override
  public CompletableFuture<Object> newObject(Object... values) {
    Object[] args = values == null ? new Object[0] : values.clone();
    String qualified = schema + "." + name;
    return session.run("newObject " + qualified, s -> {
      oracle.jdbc.OracleConnection oc = s.oracleConnection("newObject");
      if (collection) {
        return oc.createOracleArray(qualified, args);
      }
      return s.jdbc().createStruct(qualified, args);
    });
  }

  @Override
  public String toString() {
    return "DbObjectType[" + schema + "." + name + (collection ? ", collection of " + elementTypeName : ", " + attributes) + "]";
  }
}
