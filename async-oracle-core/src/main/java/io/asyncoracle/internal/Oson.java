package io.asyncoracle.internal;

import io.asyncoracle.InvalidArgumentException;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import oracle.sql.json.OracleJsonException;
import oracle.sql.json.OracleJsonFactory;
import oracle.sql.json.OracleJsonGenerator;
import oracle.sql.json.OracleJsonValue;

/** OSON (Oracle's binary JSON) through ojdbc's codec; needs no database. */
final class Oson {

  private static final OracleJsonFactory FACTORY = new OracleJsonFactory();

  private Oson() {
  }

  static byte[] encode(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OracleJsonGenerator generator = FACTORY.createJsonBinaryGenerator(out)) {
      write(generator, value, 0);
    } catch (OracleJsonException e) {
      throw new InvalidArgumentException("value", "cannot encode as OSON: " + e.getMessage());
    }
    return out.toByteArray();
  }

  private static void write(OracleJsonGenerator g, Object value, int depth) {
    if (depth > 1000) {
      throw new InvalidArgumentException("value", "cannot encode as OSON: nesting deeper than 1000 (a cycle?)");
    }
    if (value == null) {
      g.writeNull();
    } else if (value instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!(entry.getKey() instanceof String key)) {
          throw new InvalidArgumentException("value", "cannot encode as OSON: map keys must be strings, got "
              + (entry.getKey() == null ? "null" : entry.getKey().getClass().getName()));
        }
        g.writeKey(key);
        write(g, entry.getValue(), depth + 1);
      }
      g.writeEnd();
    } else if (value instanceof Iterable<?> items) {
      g.writeStartArray();
      for (Object item : items) {
        write(g, item, depth + 1);
      }
      g.writeEnd();
    } else if (value instanceof Object[] items) {
      write(g, java.util.Arrays.asList(items), depth);
    } else if (value instanceof String s) {
      g.write(s);
    } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      g.write(((Number) value).intValue());
    } else if (value instanceof Long l) {
      g.write(l);
    } else if (value instanceof BigDecimal d) {
      g.write(d);
    } else if (value instanceof BigInteger i) {
      g.write(i);
    } else if (value instanceof Double d) {
      g.write(d);
    } else if (value instanceof Float f) {
      g.write(f);
    } else if (value instanceof Boolean b) {
      g.write(b);
    } else if (value instanceof byte[] bytes) {
      g.write(bytes);
    } else if (value instanceof LocalDateTime t) {
      g.write(t);
    } else if (value instanceof LocalDate d) {
      g.write(d.atStartOfDay());
    } else if (value instanceof OffsetDateTime t) {
      g.write(t);
    } else if (value instanceof Instant i) {
      g.write(i.atOffset(ZoneOffset.UTC));
    } else if (value instanceof Duration d) {
      g.write(d);
    } else if (value instanceof Period p) {
      g.write(p);
    } else if (value instanceof CharSequence cs) {
      g.write(cs.toString());
    } else {
      throw new InvalidArgumentException("value", "cannot encode a " + value.getClass().getName()
          + " as OSON; use maps, lists, strings, numbers, booleans, byte[] or java.time values");
    }
  }

  static Object decode(byte[] data) {
    if (data == null) {
      throw new InvalidArgumentException("data", "data must not be null");
    }
    try {
      return toJava(FACTORY.createJsonBinaryValue(ByteBuffer.wrap(data)), 0);
    } catch (OracleJsonException e) {
      throw new InvalidArgumentException("data", "not valid OSON: " + e.getMessage());
    } catch (InvalidArgumentException e) {
      throw e;
    } catch (RuntimeException e) {
      // The decoder reads corrupt images lazily and fails with whatever the bad offset hits
      // (IndexOutOfBounds, BufferUnderflow, NullPointer...): they all mean the same thing.
      InvalidArgumentException invalid = new InvalidArgumentException("data", "not valid OSON: " + e);
      invalid.initCause(e);
      throw invalid;
    }
  }

  private static Object toJava(OracleJsonValue v, int depth) {
    if (depth > 1000) {
      // Only a corrupt image nests this deep: its offsets point back at an enclosing container.
      throw new InvalidArgumentException("data", "not valid OSON: nesting deeper than 1000 (a corrupt image?)");
    }
    switch (v.getOracleJsonType()) {
      case OBJECT: {
        Map<String, Object> map = new LinkedHashMap<>();
        v.asJsonObject().forEach((key, value) -> map.put(key, toJava(value, depth + 1)));
        return map;
      }
      case ARRAY: {
        List<Object> list = new ArrayList<>();
        v.asJsonArray().forEach(item -> list.add(toJava(item, depth + 1)));
        return list;
      }
      case NULL:
        return null;
      case TRUE:
        return Boolean.TRUE;
      case FALSE:
        return Boolean.FALSE;
      case STRING:
        return v.asJsonString().getString();
      case DECIMAL:
        return v.asJsonDecimal().bigDecimalValue();
      case DOUBLE:
        return v.asJsonDouble().doubleValue();
      case FLOAT:
        return v.asJsonFloat().floatValue();
      case BINARY:
        return v.asJsonBinary().getBytes();
      case TIMESTAMP:
        return v.asJsonTimestamp().getLocalDateTime();
      case TIMESTAMPTZ:
        return v.asJsonTimestampTZ().getOffsetDateTime();
      case DATE:
        return v.asJsonDate().getLocalDateTime();
      case INTERVALDS:
        return v.asJsonIntervalDS().getDuration();
      case INTERVALYM:
        return v.asJsonIntervalYM().getPeriod();
      default:
        return v.toString();
    }
  }
}
