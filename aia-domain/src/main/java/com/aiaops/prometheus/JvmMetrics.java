package com.aiaops.prometheus;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * This node's JVM as the platform metrics show it, named and documented so that promtool finds nothing to say (the
 * server's own endpoint on the management port names its gauges {@code …_count}, which promtool reports).
 */
final class JvmMetrics {
    private JvmMetrics() {
    }

    static List<MetricFamily> families() {
        var memory = ManagementFactory.getMemoryMXBean();
        MetricFamily used = new MetricFamily("jvm_memory_used_bytes", MetricFamily.Type.GAUGE, "Memory in use, by area (heap or nonheap)");
        MetricFamily committed = new MetricFamily("jvm_memory_committed_bytes", MetricFamily.Type.GAUGE,
                "Memory the JVM holds from the operating system, by area");
        MetricFamily max = new MetricFamily("jvm_memory_max_bytes", MetricFamily.Type.GAUGE,
                "The most memory the area may grow to (-1 when unbounded), by area");
        for (var area : List.of(java.util.Map.entry("heap", memory.getHeapMemoryUsage()), java.util.Map.entry("nonheap", memory.getNonHeapMemoryUsage()))) {
            MemoryUsage usage = area.getValue();
            used.add((double) usage.getUsed(), "area", area.getKey());
            committed.add((double) usage.getCommitted(), "area", area.getKey());
            max.add((double) usage.getMax(), "area", area.getKey());
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        MetricFamily live = new MetricFamily("jvm_threads_live", MetricFamily.Type.GAUGE, "Live threads, daemon threads included")
                .add((double) threads.getThreadCount());
        MetricFamily daemon = new MetricFamily("jvm_threads_daemon", MetricFamily.Type.GAUGE, "Live daemon threads")
                .add((double) threads.getDaemonThreadCount());
        MetricFamily classes = new MetricFamily("jvm_classes_loaded", MetricFamily.Type.GAUGE, "Classes loaded now")
                .add((double) ManagementFactory.getClassLoadingMXBean().getLoadedClassCount());
        MetricFamily collections = new MetricFamily("jvm_gc_collections", MetricFamily.Type.COUNTER,
                "Garbage collections since the JVM started, by collector");
        MetricFamily collectionTime = new MetricFamily("jvm_gc_collection_seconds", MetricFamily.Type.COUNTER,
                "Time spent in garbage collection since the JVM started, by collector");
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            collections.add((double) Math.max(0, gc.getCollectionCount()), "gc", gc.getName());
            collectionTime.add(Math.max(0, gc.getCollectionTime()) / 1000.0, "gc", gc.getName());
        }
        MetricFamily uptime = new MetricFamily("process_uptime_seconds", MetricFamily.Type.GAUGE, "Seconds since the JVM started")
                .add(ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
        MetricFamily cpus = new MetricFamily("process_available_processors", MetricFamily.Type.GAUGE, "Processors the JVM may use")
                .add((double) Runtime.getRuntime().availableProcessors());
        return List.of(used, committed, max, live, daemon, classes, collections, collectionTime, uptime, cpus);
    }
}
