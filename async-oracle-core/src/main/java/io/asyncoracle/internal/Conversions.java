package io.asyncoracle.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** Converts fetched values for {@link io.asyncoracle.Row#get(int, Class)}. */
final class Conversions {

  private Conversions() {
  }

  @SuppressWarnings("unchecked")
  static <T> T convert(Object value, Class<T> type, String column) {
    if (type == null) {
      throw new IllegalArgumentException("type must not be null");
    }
    if (value == null) {
      return null;
    }
    Class<?> boxed = box(type);
    if (boxed.isInstance(value)) {
      return (T) value;
    }
    Object converted = tryConvert(value, boxed);
    if (converted == null) {
      throw new IllegalArgumentException("column '" + column + "' holds a " + value.getClass().getName()
          + " that cannot be converted to " + type.getName());
    }
    return (T) converted;
  }

  private static Object tryConvert(Object value, Class<?> type) {
    if (type == String.class) {
      return value instanceof byte[] ? null : value.toString();
    }
    if (value instanceof Number n) {
      return number(n, type);
    }
    if (value instanceof String s && Number.class.isAssignableFrom(type)) {
      return number(new BigDecimal(s.trim()), type);
    }
    if (type == Boolean.class) {
      if (value instanceof Number n) {
        return n.intValue() != 0;
      }
      if (value instanceof String s) {
        return Boolean.parseBoolean(s.trim()) || "1".equals(s.trim()) || "Y".equalsIgnoreCase(s.trim());
      }
    }
    if (value instanceof Timestamp ts) {
      return time(ts.toLocalDateTime(), type);
    }
    if (value instanceof java.sql.Date d) {
      return time(d.toLocalDate().atStartOfDay(), type);
    }
    if (value instanceof LocalDateTime ldt) {
      return time(ldt, type);
    }
    if (value instanceof LocalDate ld) {
      return time(ld.atStartOfDay(), type);
    }
    if (value instanceof OffsetDateTime odt) {
      if (type == Instant.class) {
        return odt.toInstant();
      }
      return time(odt.toLocalDateTime(), type);
    }
    return null;
  }

  private static Object number(Number n, Class<?> type) {
    BigDecimal d = n instanceof BigDecimal bd ? bd : new BigDecimal(n.toString());
    try {
      if (type == Integer.class) {
        return d.intValueExact();
      }
      if (type == Long.class) {
        return d.longValueExact();
      }
      if (type == Short.class) {
        return d.shortValueExact();
      }
      if (type == Byte.class) {
        return d.byteValueExact();
      }
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("value " + d + " does not fit in " + type.getSimpleName(), e);
    }
    if (type == Double.class) {
      return d.doubleValue();
    }
    if (type == Float.class) {
      return d.floatValue();
    }
    if (type == BigDecimal.class) {
      return d;
    }
    if (type == BigInteger.class) {
      return d.toBigIntegerExact();
    }
    if (type == Boolean.class) {
      return d.signum() != 0;
    }
    return null;
  }

  private static Object time(LocalDateTime t, Class<?> type) {
    if (type == LocalDateTime.class) {
      return t;
    }
    if (type == LocalDate.class) {
      return t.toLocalDate();
    }
    if (type == LocalTime.class) {
      return t.toLocalTime();
    }
    if (type == Instant.class) {
      return t.atZone(ZoneId.systemDefault()).toInstant();
    }
    if (type == OffsetDateTime.class) {
      return t.atZone(ZoneId.systemDefault()).toOffsetDateTime();
    }
    if (type == Timestamp.class) {
      return Timestamp.valueOf(t);
    }
    if (type == java.sql.Date.class) {
      return java.sql.Date.valueOf(t.toLocalDate());
    }
    return null;
  }

  private static Class<?> box(Class<?> type) {
    if (!type.isPrimitive()) {
      return type;
    }
    if (type == int.class) {
      return Integer.class;
    }
    if (type == long.class) {
      return Long.class;
    }
    if (type == double.class) {
      return Double.class;
    }
    if (type == boolean.class) {
      return Boolean.class;
    }
    if (type == float.class) {
      return Float.class;
    }
    if (type == short.class) {
      return Short.class;
    }
    if (type == byte.class) {
      return Byte.class;
    }
    return type;
  }
}
