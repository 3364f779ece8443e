package io.fathom.runner.docker;

import com.github.dockerjava.api.model.Info;
import io.fathom.runner.HostCapacity;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the host gives one instance, from the engine's {@code info} (CPUs, memory) and the GPUs the
 * engine can hand out. GPUs count only when the engine can use them: it has an {@code nvidia}
 * runtime, or the NVIDIA container hook is on the PATH (what Docker 20.10 needs to register its
 * {@code nvidia} device driver for {@code --gpus}). They are counted from {@code
 * /proc/driver/nvidia/gpus}, else {@code nvidia-smi -L}: the engine is on this host (single-host
 * runner).
 */
final class EngineCapacity {
  static final String NVIDIA_HOOK = "nvidia-container-runtime-hook";

  private EngineCapacity() {}

  static HostCapacity from(Info info) {
    int gpus = gpuRuntime(info.getRuntimes()) || onPath(NVIDIA_HOOK) ? countHostGpus() : 0;
    return from(info, gpus);
  }

  /** Pure: CPUs and memory from {@code info}, and the GPUs counted by the caller. */
  static HostCapacity from(Info info, int gpus) {
    int cpus = info.getNCPU() == null ? 0 : info.getNCPU();
    long memory = info.getMemTotal() == null ? 0 : info.getMemTotal();
    return new HostCapacity(cpus, memory, gpus);
  }

  /** Whether the engine lists an NVIDIA runtime ({@code nvidia}, {@code nvidia-experimental}). */
  static boolean gpuRuntime(Map<String, ?> runtimes) {
    return runtimes != null && runtimes.keySet().stream().anyMatch(r -> r.startsWith("nvidia"));
  }

  static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  /** GPUs the NVIDIA driver reports on this host; 0 when there is no driver. */
  static int countHostGpus() {
    Path proc = Path.of("/proc/driver/nvidia/gpus");
    if (Files.isDirectory(proc)) {
      try (Stream<Path> entries = Files.list(proc)) {
        int count = (int) entries.count();
        if (count > 0) {
          return count;
        }
      } catch (IOException e) {
        // fall through to nvidia-smi
      }
    }
    return countNvidiaSmi();
  }

  private static int countNvidiaSmi() {
    if (!onPath("nvidia-smi")) {
      return 0;
    }
    try {
      Process process = new ProcessBuilder("nvidia-smi", "-L").redirectErrorStream(true).start();
      String out;
      try (InputStream in = process.getInputStream()) {
        out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        return 0;
      }
      return countGpuLines(out);
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  /** Lines of {@code nvidia-smi -L} ({@code GPU 0: NVIDIA H100 ... (UUID: GPU-…)}). */
  static int countGpuLines(String nvidiaSmiList) {
    return (int)
        List.of(nvidiaSmiList.split("\n")).stream().filter(l -> l.startsWith("GPU ")).count();
  }
}
