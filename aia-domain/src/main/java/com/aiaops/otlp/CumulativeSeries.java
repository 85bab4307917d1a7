package com.aiaops.otlp;

import com.aiaops.shared.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * The last point of one cumulative histogram series (metric, service, instance and attributes), so that the next point
 * can be told as a delta: kept in the database so that a restart, or another node of the cluster receiving the next
 * export, continues from it. Versioned: two exports of one series at once cannot both count the same requests.
 */
@Entity
@Table(name = "otlp_cumulative_series", uniqueConstraints = @UniqueConstraint(columnNames = {"organization_id", "series_key"}),
        indexes = @Index(name = "otlp_cumulative_series_seen", columnList = "last_seen_at"))
public class CumulativeSeries {
    @Id
    private UUID id;

    @TenantId // scoped by Hibernate to the organisation being served (com.aiaops.access.OrganizationScope)
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    /** SHA-256 of the series' identity: metric name, resource and point attributes. */
    @Column(name = "series_key", nullable = false, length = 64)
    private String seriesKey;

    @Column(name = "start_time_unix_nano", nullable = false)
    private long startTimeUnixNano;

    @Column(name = "time_unix_nano", nullable = false)
    private long timeUnixNano;

    @Column(name = "point", nullable = false, length = 20000)
    private String point;

    @Column(name = "last_seen_at", nullable = false)
    private Instant lastSeenAt;

    @Version
    private long version;

    /** Made here, not read from the database: to be persisted rather than merged. */
    @Transient
    private boolean unsaved;

    protected CumulativeSeries() {
    }

    CumulativeSeries(UUID organizationId, String seriesKey) {
        this.id = Ids.newId();
        this.organizationId = organizationId;
        this.seriesKey = seriesKey;
        this.unsaved = true;
    }

    boolean isUnsaved() {
        return unsaved;
    }

    public String seriesKey() {
        return seriesKey;
    }

    public boolean isNew() {
        return point == null;
    }

    public long startTimeUnixNano() {
        return startTimeUnixNano;
    }

    public long timeUnixNano() {
        return timeUnixNano;
    }

    public HistogramPoint point() {
        return HistogramPoint.decode(point);
    }

    void advance(long newStart, long newTime, HistogramPoint newPoint, Instant at) {
        startTimeUnixNano = newStart;
        timeUnixNano = newTime;
        point = newPoint.encode();
        lastSeenAt = at;
    }
}
