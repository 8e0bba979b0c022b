package vn.hcmc.cchc.session;

import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of a long command, with a rate: every {@code interval} while Spark works, one line such
 * as {@code normalize: working for 1m 30s, 212/400 tasks, 3,204,118 records read, 0 written (41,227
 * records/s)}. Short
 * commands print nothing (the first line comes after one interval). The counts come from a
 * {@link SparkListener} (tasks ended, records read from files and shuffles, records written), so it costs no job of
 * its own.
 */
public final class ProgressReporter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);

  private final SparkContext context;
  private final Listener listener = new Listener();
  private final ScheduledExecutorService timer;
  private final long startedNanos = System.nanoTime();
  private volatile String stage = "cchc";
  private long lastRecords;
  private long lastNanos = startedNanos;

  private ProgressReporter(SparkContext context, long intervalSeconds) {
    this.context = context;
    context.addSparkListener(listener);
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "cchc-progress");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleAtFixedRate(this::report, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
  }

  /** Starts reporting on {@code context} every {@code intervalSeconds} (0: never). */
  public static ProgressReporter start(SparkContext context, long intervalSeconds) {
    return new ProgressReporter(context, intervalSeconds <= 0 ? Long.MAX_VALUE / 2 : intervalSeconds);
  }

  /** Names the stage the next lines are about ({@code ingest}, {@code normalize}, ...). */
  public void stage(String name) {
    stage = name;
  }

  private void report() {
    if (listener.activeJobs.get() > 0) {
      LOG.info(status());
    }
  }

  /** The progress line: elapsed time, tasks, records, and the rate since the previous line. */
  public synchronized String status() {
    long now = System.nanoTime();
    long records = listener.read.get() + listener.written.get();
    double rate = (records - lastRecords) / Math.max(1e-9, (now - lastNanos) / 1e9);
    lastRecords = records;
    lastNanos = now;
    long elapsed = (now - startedNanos) / 1_000_000_000L;
    return String.format(Locale.ROOT,
        "%s: working for %dm %02ds, %,d/%,d tasks, %,d records read, %,d written (%,.0f records/s)", stage,
        elapsed / 60, elapsed % 60, listener.tasksEnded.get(), listener.tasksSubmitted.get(), listener.read.get(),
        listener.written.get(), rate);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    context.removeSparkListener(listener);
  }

  private static final class Listener extends SparkListener {
    final AtomicInteger activeJobs = new AtomicInteger();
    final AtomicLong tasksSubmitted = new AtomicLong();
    final AtomicLong tasksEnded = new AtomicLong();
    final AtomicLong read = new AtomicLong();
    final AtomicLong written = new AtomicLong();

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
      activeJobs.incrementAndGet();
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd jobEnd) {
      activeJobs.decrementAndGet();
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
      tasksSubmitted.addAndGet(submitted.stageInfo().numTasks());
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
      tasksEnded.incrementAndGet();
      TaskMetrics m = taskEnd.taskMetrics();
      if (m != null) {
        read.addAndGet(m.inputMetrics().recordsRead() + m.shuffleReadMetrics().recordsRead());
        written.addAndGet(m.outputMetrics().recordsWritten());
      }
    }
  }
}
