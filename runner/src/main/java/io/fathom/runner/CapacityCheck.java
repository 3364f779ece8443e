package io.fathom.runner;

import java.util.Locale;

/**
 * Decides, before anything is created, whether the host can give an instance the resources its
 * serving size asks for. Docker itself refuses {@code --cpus} above the host's core count with a
 * message users cannot act on, and a memory limit above the host's memory only fails later; this
 * check refuses early with a message that names the size, what it asks and what the host has.
 */
public final class CapacityCheck {
  private static final long MIB = 1024L * 1024;
  private static final long GIB = 1024 * MIB;

  private CapacityCheck() {}

  /**
   * @throws RunnerException {@code gpu-unavailable} when GPUs are asked and the host has fewer,
   *     {@code size-unavailable} when the CPUs or memory asked exceed the host's
   */
  public static void check(InstanceSpec.Resources asked, HostCapacity host) throws RunnerException {
    if (asked.gpus() > host.gpus()) {
      throw new RunnerException("gpu-unavailable", gpuMessage(asked, host));
    }
    boolean cpusFit = asked.cpus() <= host.cpus();
    boolean memoryFits = asked.memoryBytes() <= host.memoryBytes();
    if (!cpusFit || !memoryFits) {
      throw new RunnerException(
          "size-unavailable",
          "The serving size "
              + asked.label()
              + " asks for "
              + cpus(asked.cpus())
              + " and "
              + bytes(asked.memoryBytes())
              + " of memory, but this host has "
              + cpus(host.cpus())
              + " and "
              + bytes(host.memoryBytes())
              + " of memory"
              + (cpusFit ? "" : " (too few CPUs)")
              + (memoryFits ? "" : " (too little memory)")
              + ". Choose a smaller serving size or run on a larger host.");
    }
  }

  private static String gpuMessage(InstanceSpec.Resources asked, HostCapacity host) {
    String wanted =
        "The serving GPU "
            + asked.label()
            + " asks for "
            + asked.gpus()
            + (asked.gpus() == 1 ? " GPU" : " GPUs");
    if (host.gpus() == 0) {
      return wanted
          + ", but this host's Docker engine has no NVIDIA GPU runtime (no nvidia runtime or"
          + " NVIDIA container toolkit, or no GPU). Deploy without a GPU, or on a host with an"
          + " NVIDIA GPU and the NVIDIA container toolkit.";
    }
    return wanted
        + ", but this host has "
        + host.gpus()
        + (host.gpus() == 1 ? " GPU" : " GPUs")
        + ". Choose fewer GPUs or a larger host.";
  }

  /** {@code 1 CPU}, {@code 0.5 CPUs}, {@code 4 CPUs}. */
  static String cpus(double cpus) {
    String n =
        cpus == Math.rint(cpus)
            ? Long.toString((long) cpus)
            : String.format(Locale.ROOT, "%.2f", cpus).replaceAll("0+$", "");
    return n + (cpus == 1 ? " CPU" : " CPUs");
  }

  /** {@code 512 MiB}, {@code 16 GiB}, {@code 23.5 GiB}: binary units, at most one decimal. */
  static String bytes(long bytes) {
    if (bytes >= GIB) {
      return decimal(bytes / (double) GIB) + " GiB";
    }
    if (bytes >= MIB) {
      return decimal(bytes / (double) MIB) + " MiB";
    }
    return bytes + " bytes";
  }

  private static String decimal(double value) {
    String s = String.format(Locale.ROOT, "%.1f", value);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }
}
