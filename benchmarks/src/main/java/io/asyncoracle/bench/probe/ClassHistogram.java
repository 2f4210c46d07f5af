package io.asyncoracle.bench.probe;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;

/**
 * Exact object counts: the heap's class histogram, instances and bytes per class. On a JVM with
 * Epsilon GC (which never collects) and the histogram taken without a collection ({@code -all}), the
 * difference between two histograms is every object allocated in between, dead or alive; divided by
 * the calls made in between, it is what one call allocates, class by class, with no sampling.
 */
public final class ClassHistogram {

  /** One class: instances and bytes. */
  public record Entry(String className, long instances, long bytes) {
  }

  private static final Pattern LINE = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
  /** The filler objects the JVM writes into the unused end of a retired TLAB: no allocation of anyone's. */
  private static final String FILLER = "jdk.internal.vm.FillerElement";

  private final Map<String, Entry> entries;

  private ClassHistogram(Map<String, Entry> entries) {
    this.entries = entries;
  }

  /**
   * Whether this JVM runs Epsilon GC, so that a histogram without collection counts every
   * allocation.
   *
   * @return {@code true} with {@code -XX:+UseEpsilonGC}
   */
  public static boolean epsilon() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:+UseEpsilonGC");
  }

  /**
   * Takes this JVM's class histogram, without a collection first ({@code GC.class_histogram -all}).
   *
   * @return the histogram
   * @throws Exception if the diagnostic command is not available
   */
  public static ClassHistogram take() throws Exception {
    Object text = ManagementFactory.getPlatformMBeanServer().invoke(
        new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
        new Object[] {new String[] {"-all"}}, new String[] {String[].class.getName()});
    return parse((String) text);
  }

  /**
   * Reads the text {@code GC.class_histogram} prints.
   *
   * @param text the command's output
   * @return the histogram
   */
  public static ClassHistogram parse(String text) {
    Map<String, Entry> entries = new HashMap<>();
    for (String line : text.split("\n")) {
      Matcher m = LINE.matcher(line);
      if (m.find() && !m.group(3).contains(FILLER)) {
        entries.merge(m.group(3), new Entry(m.group(3), Long.parseLong(m.group(1)), Long.parseLong(m.group(2))),
            (a, b) -> new Entry(a.className(), a.instances() + b.instances(), a.bytes() + b.bytes()));
      }
    }
    return new ClassHistogram(entries);
  }

  /**
   * What was allocated since an earlier histogram, largest first (classes with nothing new left out).
   *
   * @param before the earlier histogram
   * @return per class, the new instances and bytes
   */
  public List<Entry> since(ClassHistogram before) {
    List<Entry> grown = new ArrayList<>();
    for (Entry now : entries.values()) {
      Entry then = before.entries.get(now.className());
      long instances = now.instances() - (then == null ? 0 : then.instances());
      long bytes = now.bytes() - (then == null ? 0 : then.bytes());
      if (instances > 0) {
        grown.add(new Entry(now.className(), instances, bytes));
      }
    }
    grown.sort((a, b) -> Long.compare(b.bytes(), a.bytes()));
    return grown;
  }

  /**
   * How many calls a difference holds: the instances of the class allocated once per call.
   *
   * @param grown what {@link #since} returned
   * @param perCallClass the class with one instance per call
   * @return calls, 0 if the class is not there
   */
  public static long calls(List<Entry> grown, String perCallClass) {
    return grown.stream().filter(e -> e.className().equals(perCallClass)).mapToLong(Entry::instances).findFirst()
        .orElse(0);
  }

  /**
   * Two contenders' allocations per call side by side, class by class, where they differ by at
   * least {@code minBytes} a call, largest difference first.
   *
   * @param subject the name of the first contender
   * @param subjectGrown its allocations
   * @param other the name of the second
   * @param otherGrown its allocations
   * @param perCallClass the class with one instance per call
   * @param minBytes the smallest difference in bytes per call to list
   * @return Markdown
   */
  public static String difference(String subject, List<Entry> subjectGrown, String other, List<Entry> otherGrown,
      String perCallClass, double minBytes) {
    long subjectCalls = calls(subjectGrown, perCallClass);
    long otherCalls = calls(otherGrown, perCallClass);
    if (subjectCalls == 0 || otherCalls == 0) {
      return "No calls to count by.\n";
    }
    Map<String, double[]> perCall = new HashMap<>();
    subjectGrown.forEach(e -> perCall.computeIfAbsent(e.className(), k -> new double[4])[0] =
        (double) e.instances() / subjectCalls);
    subjectGrown.forEach(e -> perCall.get(e.className())[1] = (double) e.bytes() / subjectCalls);
    otherGrown.forEach(e -> perCall.computeIfAbsent(e.className(), k -> new double[4])[2] =
        (double) e.instances() / otherCalls);
    otherGrown.forEach(e -> perCall.get(e.className())[3] = (double) e.bytes() / otherCalls);
    double subjectTotal = subjectGrown.stream().mapToLong(Entry::bytes).sum() / (double) subjectCalls;
    double otherTotal = otherGrown.stream().mapToLong(Entry::bytes).sum() / (double) otherCalls;
    StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
        "%s %,.0f bytes per call, %s %,.0f: %+,.0f. Classes that differ by %.0f bytes a call or more "
            + "(instances per call, bytes per call):%n%n| class | %s | | %s | | difference, bytes |%n"
            + "|---|---:|---:|---:|---:|---:|%n",
        subject, subjectTotal, other, otherTotal, subjectTotal - otherTotal, minBytes, subject, other));
    perCall.entrySet().stream()
        .filter(e -> Math.abs(e.getValue()[1] - e.getValue()[3]) >= minBytes)
        .sorted((a, b) -> Double.compare(b.getValue()[1] - b.getValue()[3], a.getValue()[1] - a.getValue()[3]))
        .forEach(e -> md.append(String.format(Locale.ROOT, "| `%s` | %.2f | %,.0f | %.2f | %,.0f | %+,.0f |%n",
            e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2], e.getValue()[3],
            e.getValue()[1] - e.getValue()[3])));
    return md.toString();
  }

  /**
   * Renders allocations per call as Markdown: instances and bytes per call for the largest classes,
   * the calls counted by a class the harness allocates exactly once per call.
   *
   * @param grown what {@link #since} returned
   * @param perCallClass the class with one instance per call
   * @param rows how many classes to list
   * @param owner what to say a class belongs to
   * @return Markdown, or a sentence when the class per call is missing
   */
  public static String markdown(List<Entry> grown, String perCallClass, int rows,
      java.util.function.Function<String, String> owner) {
    long calls = calls(grown, perCallClass);
    if (calls == 0) {
      return "No `" + perCallClass + "` was allocated: no calls to count by.\n";
    }
    long total = grown.stream().mapToLong(Entry::bytes).sum();
    StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
        "%,d calls (instances of `%s`), %,.0f bytes per call in all. Per owner: ", calls, perCallClass,
        (double) total / calls));
    Map<String, Long> byOwner = new java.util.LinkedHashMap<>();
    grown.forEach(e -> byOwner.merge(owner.apply(e.className()), e.bytes(), Long::sum));
    md.append(String.join(", ", byOwner.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
        .map(e -> String.format(Locale.ROOT, "%s %,.0f", e.getKey(), (double) e.getValue() / calls)).toList()));
    md.append(" (a JDK class counts as the JDK's here, whoever asked for it; an array as its elements' class).\n\n")
        .append("| class | instances/call | bytes/call |\n|---|---:|---:|\n");
    grown.stream().limit(rows).forEach(e -> md.append(String.format(Locale.ROOT, "| `%s` | %.2f | %,.0f |%n",
        e.className(), (double) e.instances() / calls, (double) e.bytes() / calls)));
    return md.toString();
  }
}
