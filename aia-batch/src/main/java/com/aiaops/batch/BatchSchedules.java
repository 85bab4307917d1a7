package com.aiaops.batch;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.ejb.ScheduleExpression;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Starts the batch jobs on their schedules. The timers are EJB persistent calendar timers in the database store
 * (aia-timers), so each firing happens on one node of the cluster, and another node takes over the schedule when
 * the one holding it dies. Schedules are configurable ({@code aia.schedule.<job>} = "second minute hour
 * day-of-month month day-of-week", UTC; "off" disables); at start-up the timers are brought in line with the
 * configuration, a changed schedule replacing the old timer.
 */
@Singleton
@Startup
@jakarta.ejb.DependsOn("aia-domain.jar#SchemaMigrations") // the schema first
public class BatchSchedules {
    private static final Logger LOG = Logger.getLogger(BatchSchedules.class);

    /**
     * Job → default schedule (UTC): full backup daily 02:00, incremental every 6 hours after it, retention 03:00, restore drill 04:30, SLA and cost reports
     * on the 1st of the month, the weekly review on Mondays.
     */
    static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("full-backup", "0 0 2 * * *");
        DEFAULTS.put("incremental-backup", "0 0 8,14,20 * * *");
        DEFAULTS.put("backup-retention", "0 0 3 * * *");
        DEFAULTS.put("restore-drill", "0 30 4 * * *");
        DEFAULTS.put("sla-report", "0 0 5 1 * *");
        DEFAULTS.put("cost-report", "0 30 5 1 * *");
        DEFAULTS.put("weekly-review", "0 0 6 * * Mon");
    }

    @Resource
    TimerService timers;

    @jakarta.inject.Inject
    com.aiaops.jobs.ScheduleFirings firings;

    @PostConstruct
    void reconcile() {
        Config config = ConfigProvider.getConfig();
        Map<String, Timer> existing = new LinkedHashMap<>();
        for (Timer timer : timers.getTimers()) {
            if (timer.getInfo() instanceof String job) {
                if (existing.containsKey(job)) {
                    timer.cancel(); // a duplicate from nodes starting together: one is enough
                } else {
                    existing.put(job, timer);
                }
            }
        }
        for (Map.Entry<String, String> entry : DEFAULTS.entrySet()) {
            String job = entry.getKey();
            String wanted = config.getOptionalValue("aia.schedule." + job, String.class).orElse(entry.getValue()).trim();
            Timer timer = existing.get(job);
            if (timer != null && (wanted.equals("off") || !describe(timer.getSchedule()).equals(wanted))) {
                timer.cancel();
                timer = null;
            }
            if (timer == null && !wanted.equals("off")) {
                timers.createCalendarTimer(parse(wanted), new TimerConfig(job, true));
                LOG.infof("Scheduled batch job %s at '%s' (UTC)", job, wanted);
            }
        }
    }

    @Timeout
    void fire(Timer timer) {
        String job = (String) timer.getInfo();
        // Nodes starting together may each have created this schedule's timer before seeing the other's: the claim
        // on the firing (keyed by the schedule's next time, the same for both timers) lets only one start the job.
        java.time.Instant next = timer.getNextTimeout().toInstant();
        if (!firings.claim(job, next)) {
            LOG.debugf("Batch job %s: this firing was started by another node", job);
            return;
        }
        JobOperator operator = BatchRuntime.getJobOperator();
        long execution = operator.start(job, new Properties());
        LOG.infof("Started batch job %s on schedule: execution %d", job, execution);
    }

    static ScheduleExpression parse(String fields) {
        String[] f = fields.split("\\s+");
        if (f.length != 6) {
            throw new IllegalArgumentException("a schedule has six fields: second minute hour day-of-month month day-of-week: " + fields);
        }
        return new ScheduleExpression().second(f[0]).minute(f[1]).hour(f[2]).dayOfMonth(f[3]).month(f[4]).dayOfWeek(f[5]).timezone("UTC");
    }

    static String describe(ScheduleExpression s) {
        return String.join(" ", s.getSecond(), s.getMinute(), s.getHour(), s.getDayOfMonth(), s.getMonth(), s.getDayOfWeek());
    }
}
