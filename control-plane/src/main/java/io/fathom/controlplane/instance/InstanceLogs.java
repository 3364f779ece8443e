package io.fathom.controlplane.instance;

import io.fathom.runner.LogSubscription;
import java.time.Instant;

/** Starts collecting an instance's output when it starts or is adopted; closed when it stops. */
public interface InstanceLogs {
  /**
   * @param since the first moment to collect (null: from the instance's start; an adopted instance
   *     passes now, its earlier lines were collected by the previous process)
   */
  LogSubscription attach(Workload workload, LiveInstance instance, Instant since);
}
