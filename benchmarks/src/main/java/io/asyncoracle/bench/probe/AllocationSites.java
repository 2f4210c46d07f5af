package io.asyncoracle.bench.probe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Groups JFR allocation samples ({@code jdk.ObjectAllocationSample}, each standing for
 * {@code weight} bytes) by who is responsible for them, and turns their shares into bytes per call.
 *
 * <p>The responsible frame of a sample is its first frame, from the top of the stack, outside the
 * JDK: a {@code CompletableFuture} node that async-oracle's {@code Session} asks for is
 * async-oracle's allocation, the {@code Object[]} H2 builds for a row is the driver's. Each
 * responsible frame belongs to an owner (async-oracle, the harness, the H2 driver, HikariCP, ...).
 * A site is the allocated class, the responsible frame and, when it differs, the top frame (the
 * JDK method that did the allocation). For allocations made by a library that async-oracle called,
 * the report also names the nearest async-oracle frame, the call in its code that led there.
 */
public final class AllocationSites {

  /** The owner of allocations made by async-oracle's own code (not the harness). */
  public static final String ASYNC_ORACLE = "async-oracle";

  /**
   * A stack frame.
   *
   * @param type the class's name
   * @param method the method's name
   * @param line the line number, or -1 if unknown
   */
  public record Frame(String type, String method, int line) {

    @Override
    public String toString() {
      String simple = type.substring(type.lastIndexOf('.') + 1);
      return simple + "." + method + (line >= 0 ? ":" + line : "");
    }
  }

  /**
   * One allocation sample.
   *
   * @param weight the bytes the sample stands for
   * @param objectClass the allocated class's name
   * @param frames the stack, top (the allocating method) first
   */
  public record Sample(long weight, String objectClass, List<Frame> frames) {
  }

  /**
   * An allocation site and the bytes sampled there.
   *
   * @param owner who is responsible: async-oracle, harness, H2 driver, ...
   * @param objectClass the allocated class
   * @param responsible the first frame outside the JDK (null: the whole stack is the JDK's)
   * @param top the allocating frame, when it is not the responsible one (null otherwise)
   * @param caller for an allocation by another library: the nearest async-oracle frame below it (else null)
   * @param bytes sampled bytes
   */
  public record Site(String owner, String objectClass, Frame responsible, Frame top, Frame caller, long bytes) {
  }

  private final Map<List<Object>, long[]> sites = new HashMap<>();
  private final Map<String, long[]> owners = new LinkedHashMap<>();
  private long total;

  /**
   * Adds a sample.
   *
   * @param sample the sample
   */
  public void add(Sample sample) {
    List<Frame> frames = sample.frames();
    Frame responsible = frames.stream().filter(f -> !jdk(f.type())).findFirst().orElse(null);
    String owner = responsible == null ? "JDK (no frame outside it)" : owner(responsible.type());
    Frame top = frames.isEmpty() || frames.get(0).equals(responsible) ? null : frames.get(0);
    Frame caller = null;
    if (!owner.equals(ASYNC_ORACLE)) {
      caller = frames.stream().filter(f -> owner(f.type()).equals(ASYNC_ORACLE)).findFirst().orElse(null);
    }
    List<Object> key = new ArrayList<>(5);
    key.add(owner);
    key.add(sample.objectClass());
    key.add(responsible);
    key.add(top);
    key.add(caller);
    sites.computeIfAbsent(key, k -> new long[1])[0] += sample.weight();
    owners.computeIfAbsent(owner, k -> new long[1])[0] += sample.weight();
    total += sample.weight();
  }

  /**
   * The bytes of every sample added.
   *
   * @return bytes
   */
  public long totalBytes() {
    return total;
  }

  /**
   * Sampled bytes per owner, largest first.
   *
   * @return owner to bytes
   */
  public Map<String, Long> byOwner() {
    Map<String, Long> sorted = new LinkedHashMap<>();
    owners.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
        .forEach(e -> sorted.put(e.getKey(), e.getValue()[0]));
    return sorted;
  }

  /**
   * The sites, largest first.
   *
   * @return every site
   */
  public List<Site> sites() {
    List<Site> list = new ArrayList<>();
    for (Map.Entry<List<Object>, long[]> e : sites.entrySet()) {
      List<Object> k = e.getKey();
      list.add(new Site((String) k.get(0), (String) k.get(1), (Frame) k.get(2), (Frame) k.get(3), (Frame) k.get(4),
          e.getValue()[0]));
    }
    list.sort((a, b) -> Long.compare(b.bytes(), a.bytes()));
    return list;
  }

  /**
   * Renders the owners and the largest sites as Markdown, in bytes per call: each share of the
   * sampled bytes times the bytes per call measured exactly (the samples give the shares, the
   * thread counters the total).
   *
   * @param bytesPerCall the JVM's allocated bytes per call, measured over the same window
   * @param asyncOracleSites how many of async-oracle's own sites to list
   * @param otherSites how many sites of other owners to list
   * @return Markdown
   */
  public String markdown(double bytesPerCall, int asyncOracleSites, int otherSites) {
    StringBuilder md = new StringBuilder();
    md.append("| owner (first frame outside the JDK) | bytes/call | share |\n|---|---:|---:|\n");
    for (Map.Entry<String, Long> e : byOwner().entrySet()) {
      md.append("| ").append(e.getKey()).append(" | ").append(perCall(e.getValue(), bytesPerCall)).append(" | ")
          .append(share(e.getValue())).append(" |\n");
    }
    md.append("\n**async-oracle's own sites** (allocated class; its frame; the JDK method that allocated, if another)\n\n")
        .append("| bytes/call | share | class | async-oracle frame | allocated in |\n|---:|---:|---|---|---|\n");
    sites().stream().filter(s -> s.owner().equals(ASYNC_ORACLE)).limit(asyncOracleSites).forEach(s ->
        md.append("| ").append(perCall(s.bytes(), bytesPerCall)).append(" | ").append(share(s.bytes())).append(" | `")
            .append(s.objectClass()).append("` | `").append(s.responsible()).append("` | ")
            .append(s.top() == null ? "" : "`" + s.top() + "`").append(" |\n"));
    md.append("\n**Largest sites of the other owners**\n\n")
        .append("| bytes/call | share | owner | class | frame | allocated in | from async-oracle's |\n")
        .append("|---:|---:|---|---|---|---|---|\n");
    sites().stream().filter(s -> !s.owner().equals(ASYNC_ORACLE)).limit(otherSites).forEach(s ->
        md.append("| ").append(perCall(s.bytes(), bytesPerCall)).append(" | ").append(share(s.bytes())).append(" | ")
            .append(s.owner()).append(" | `").append(s.objectClass()).append("` | ")
            .append(s.responsible() == null ? "" : "`" + s.responsible() + "`").append(" | ")
            .append(s.top() == null ? "" : "`" + s.top() + "`").append(" | ")
            .append(s.caller() == null ? "" : "`" + s.caller() + "`").append(" |\n"));
    return md.toString();
  }

  private String perCall(long bytes, double bytesPerCall) {
    return total == 0 ? "n/a" : String.format(Locale.ROOT, "%,.0f", bytesPerCall * bytes / total);
  }

  private String share(long bytes) {
    return total == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100.0 * bytes / total);
  }

  /**
   * Who a class belongs to.
   *
   * @param type a class name
   * @return async-oracle, harness, H2 driver, UCP, ojdbc, HikariCP, Spring, Vert.x, JDK or the package
   */
  public static String owner(String type) {
    if (type.startsWith("[")) {
      // An array belongs to the owner of its elements' class; arrays of primitives to the JDK.
      String element = type.replaceFirst("^\\[+", "");
      return element.startsWith("L") && element.endsWith(";") ? owner(element.substring(1, element.length() - 1)) : "JDK";
    }
    if (type.startsWith("io.asyncoracle.bench.")) {
      return "harness";
    }
    if (type.startsWith("io.asyncoracle.")) {
      return ASYNC_ORACLE;
    }
    if (type.startsWith("org.h2.")) {
      return "H2 driver";
    }
    if (type.startsWith("oracle.ucp.")) {
      return "UCP";
    }
    if (type.startsWith("oracle.jdbc.")) {
      return "ojdbc";
    }
    if (type.startsWith("com.zaxxer.hikari.")) {
      return "HikariCP";
    }
    if (type.startsWith("org.springframework.")) {
      return "Spring";
    }
    if (type.startsWith("io.vertx.") || type.startsWith("io.netty.")) {
      return "Vert.x";
    }
    if (type.startsWith("org.HdrHistogram.")) {
      return "harness";
    }
    if (jdk(type)) {
      return "JDK";
    }
    int dot = type.lastIndexOf('.');
    return dot < 0 ? type : type.substring(0, dot);
  }

  private static boolean jdk(String type) {
    return type.startsWith("java.") || type.startsWith("javax.") || type.startsWith("jdk.") || type.startsWith("sun.")
        || type.startsWith("com.sun.");
  }
}
