package com.aiaops.prometheus;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The server's connection pools, read from WildFly's management model over JMX (the {@code jmx} subsystem publishes it
 * as {@code jboss.as:subsystem=datasources,data-source=…,statistics=pool}), under names promtool accepts: WildFly's own
 * endpoint names these gauges {@code …_count}, which is why its subsystems are not exposed there.
 */
final class DataSourceMetrics {
    private static final Logger LOG = Logger.getLogger(DataSourceMetrics.class.getName());
    private static final String POOLS = "jboss.as:subsystem=datasources,data-source=*,statistics=pool";

    private DataSourceMetrics() {
    }

    /** One family per pool figure: the model attribute it reads, its name and what it means. */
    private record Figure(String attribute, String name, MetricFamily.Type type, String help, double scale) {
    }

    private static final List<Figure> FIGURES = List.of(
            new Figure("ActiveCount", "aia_datasource_connections_open", MetricFamily.Type.GAUGE,
                    "Connections the pool holds open now, by data source", 1),
            new Figure("InUseCount", "aia_datasource_connections_in_use", MetricFamily.Type.GAUGE,
                    "Connections lent to a transaction or request now, by data source", 1),
            new Figure("IdleCount", "aia_datasource_connections_idle", MetricFamily.Type.GAUGE, "Open connections not lent now, by data source", 1),
            new Figure("MaxUsedCount", "aia_datasource_connections_in_use_max", MetricFamily.Type.GAUGE,
                    "The most connections lent at once since the pool started, by data source", 1),
            new Figure("WaitCount", "aia_datasource_connection_waits", MetricFamily.Type.GAUGE,
                    "Requests waiting for a connection now, by data source", 1),
            new Figure("BlockingFailureCount", "aia_datasource_connection_timeouts", MetricFamily.Type.COUNTER,
                    "Requests that waited for a connection in vain, by data source", 1),
            new Figure("TotalBlockingTime", "aia_datasource_connection_wait_seconds", MetricFamily.Type.COUNTER,
                    "Time requests spent waiting for a connection, by data source", 1e-3),
            new Figure("CreatedCount", "aia_datasource_connections_created", MetricFamily.Type.COUNTER,
                    "Connections the pool opened, by data source", 1),
            new Figure("DestroyedCount", "aia_datasource_connections_closed", MetricFamily.Type.COUNTER,
                    "Connections the pool closed, by data source", 1));

    static List<MetricFamily> families() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> pools;
        try {
            pools = server.queryNames(new ObjectName(POOLS), null);
        } catch (JMException e) {
            throw new IllegalStateException("the pool statistics' name pattern is malformed", e);
        }
        List<ObjectName> sorted = pools.stream().sorted(Comparator.comparing(n -> n.getKeyProperty("data-source"))).toList();
        List<MetricFamily> families = new ArrayList<>();
        for (Figure figure : FIGURES) {
            MetricFamily family = new MetricFamily(figure.name(), figure.type(), figure.help());
            for (ObjectName pool : sorted) {
                try {
                    Object value = server.getAttribute(pool, figure.attribute());
                    if (value instanceof Number number) {
                        family.add(number.doubleValue() * figure.scale(), "datasource", pool.getKeyProperty("data-source"));
                    }
                } catch (JMException | RuntimeException e) {
                    // A pool without statistics (statistics-enabled=false) or removed meanwhile: its figures are left out.
                    LOG.log(Level.FINE, "pool statistics of " + pool + " not readable", e);
                }
            }
            families.add(family);
        }
        return families;
    }
}
