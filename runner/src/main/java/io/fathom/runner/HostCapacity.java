package io.fathom.runner;

/** What the host offers one instance: its CPU count, memory in bytes, and GPUs (0: none). */
public record HostCapacity(int cpus, long memoryBytes, int gpus) {}
