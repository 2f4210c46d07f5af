package io.asyncoracle.internal;

import io.asyncoracle.ColumnDescription;
import io.asyncoracle.Row;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A fetched row: values plus the column list its result set shares among all its rows. */
final class RowImpl implements Row {

  private final List<ColumnDescription> columns;
  private final Map<String, Integer> indexByName;
  private final Object[] values;

  RowImpl(List<ColumnDescription> columns, Map<String, Integer> indexByName, Object[] values) {
    this.columns = columns;
    this.indexByName = indexByName;
    this.values = values;
  }

  @Override
  public int size() {
    return values.length;
  }

  @Override
  public Object get(int index) {
    return values[index];
  }

  @Override
  public Object get(String column) {
    return values[indexOf(column)];
  }

  @Override
  public <T> T get(int index, Class<T> type) {
    return Conversions.convert(values[index], type, columns.get(index).name());
  }

  @Override
  public <T> T get(String column, Class<T> type) {
    return get(indexOf(column), type);
  }

  private int indexOf(String column) {
    Integer index = column == null ? null : indexByName.get(column.toLowerCase(Locale.ROOT));
    if (index == null) {
      throw new IllegalArgumentException("no column '" + column + "' in this row; columns are "
          + columns.stream().map(ColumnDescription::name).toList());
    }
    return index;
  }

  @Override
  public List<ColumnDescription> columns() {
    return columns;
  }

  @Override
  public List<Object> values() {
    return Collections.unmodifiableList(Arrays.asList(values));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RowImpl that && Arrays.deepEquals(values, that.values);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(values);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("(");
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.append(", ");
      }
      Object v = values[i];
      out.append(v instanceof byte[] bytes ? "<" + bytes.length + " bytes>" : v instanceof String str ? "'" + str + "'" : v);
    }
    return out.append(")").toString();
  }
}
