package io.asyncoracle.bench.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Describes the machine and JVM a run happened on. */
public final class MachineInfo {

  private MachineInfo() {
  }

  /**
   * One line: CPUs, CPU model, memory, OS, JDK, JVM flags.
   *
   * @return the description
   */
  public static String describe() {
    Runtime rt = Runtime.getRuntime();
    String model = cpuModel();
    return rt.availableProcessors() + " CPUs" + (model == null ? "" : " (" + model + ")")
        + ", load average " + String.format(java.util.Locale.ROOT, "%.2f",
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()) + " at start"
        + "; " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch")
        + "; Java " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vm.name") + ", "
        + System.getProperty("java.vendor") + "), max heap " + rt.maxMemory() / (1024 * 1024) + " MiB"
        + "; JVM flags: " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments());
  }

  /**
   * The feature version of this JVM. The goals for fast query and insert depend on it: from Java 21
   * async-oracle runs its JDBC work on virtual threads, on Java 17 on platform threads.
   *
   * @return e.g. 17, 21 or 25
   */
  public static int javaFeatureVersion() {
    return Runtime.version().feature();
  }

  private static String cpuModel() {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (!Files.isReadable(cpuinfo)) {
      return null;
    }
    try {
      List<String> lines = Files.readAllLines(cpuinfo);
      return lines.stream().filter(l -> l.startsWith("model name")).findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(null);
    } catch (IOException e) {
      return null;
    }
  }
}
