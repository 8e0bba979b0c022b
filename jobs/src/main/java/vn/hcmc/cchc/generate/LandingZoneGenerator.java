package vn.hcmc.cchc.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes a synthetic landing zone (shared/contract/RAW.md: feeds A to D and the reference
 * snapshots) for the city's agencies over a range of days, calibrated so that
 * {@code --year 2021 --scale 1} matches the city's published 2021 figures.
 *
 * <p>Streams: days are processed in order; each day every lane (a group of agencies writing one
 * file a day) receives its dossiers, then writes that day's file, which no later receipt can
 * change. Memory holds the open dossiers only, so it stays flat over any range. The same seed
 * gives the same bytes whatever the number of threads.
 */
public final class LandingZoneGenerator {
  private final GenerateSpec spec;
  private final Configuration hadoopConf;

  public LandingZoneGenerator(GenerateSpec spec, Configuration hadoopConf) {
    this.spec = spec;
    this.hadoopConf = hadoopConf;
  }

  /** Generates everything; {@code progress} is called after every day. */
  public GenerateSummary run(Consumer<Progress> progress) {
    long started = System.nanoTime();
    try {
      Path root = new Path(spec.out());
      FileSystem fs = root.getFileSystem(hadoopConf);
      OutputFiles files = new OutputFiles(fs, root);
      java.nio.file.Path ref = spec.referenceDir();
      WorkingCalendar cal = new WorkingCalendar(spec.from(), spec.to(),
          WorkingCalendar.loadSpecialDays(ref.resolve("holidays.csv")));
      AgencyDirectory dir = new AgencyDirectory(ref, spec.seed(), spec.legacyShareOfCommunes(), spec.scale());
      ProcedureCatalogue catalogue = new ProcedureCatalogue(dir.departments, new Calibration(spec.pace()));
      GenerationContext ctx = new GenerationContext(spec, cal, dir, catalogue, files);

      Map<String, Long> referenceFiles = new ReferenceFeeds(ctx).writeAll(ref.resolve("targets.csv"));
      List<Lane> lanes = lanes(ctx);
      runDays(ctx, lanes, progress, started);
      GenerateSummary summary = summarise(lanes, referenceFiles, (System.nanoTime() - started) / 1e9);
      files.writeText("_generate/summary.json", summary.toJson());
      return summary;
    } catch (IOException e) {
      throw new UncheckedIOException("generating into " + spec.out() + " failed: " + e.getMessage(), e);
    }
  }

  private List<Lane> lanes(GenerationContext ctx) {
    List<AgencyDirectory.Period> used = ctx.dir.periodsUsed(spec.from(), spec.to());
    TreeSet<String> names = new TreeSet<>();
    for (AgencyDirectory.Period p : used) {
      for (Agency a : p.agencies) {
        names.add(a.lane);
      }
    }
    AgencyDirectory.Period first = ctx.dir.periodOf(spec.from());
    String firstLegacy = null;
    for (String n : names) {
      if (n.startsWith("legacy-") && first.agencies.stream().anyMatch(a -> a.lane.equals(n))) {
        firstLegacy = n;
        break;
      }
    }
    List<Lane> lanes = new ArrayList<>();
    int ordinal = 0;
    for (String n : names) {
      boolean everyReason = n.equals(AgencyDirectory.dvcLane(0)) || n.equals(firstLegacy);
      lanes.add(new Lane(n, ordinal++, ctx, everyReason));
    }
    return lanes;
  }

  private void runDays(GenerationContext ctx, List<Lane> lanes, Consumer<Progress> progress, long started)
      throws IOException {
    VolumePlanner planner = new VolumePlanner(ctx);
    int daysTotal = (int) (ctx.toDay - ctx.fromDay + 1);
    ExecutorService pool = spec.threads() > 1 ? Executors.newFixedThreadPool(spec.threads(), daemonThreads())
        : null;
    try {
      for (long day = ctx.fromDay; day <= ctx.toDay; day++) {
        AgencyDirectory.Period period = ctx.dir.periodOf(LocalDate.ofEpochDay(day));
        int[][] plan = planner.plan(day, period);
        if (pool == null) {
          for (Lane lane : lanes) {
            lane.step(day, plan, period);
          }
        } else {
          List<Future<Void>> futures = new ArrayList<>(lanes.size());
          final long d = day;
          for (Lane lane : lanes) {
            futures.add(pool.submit(() -> {
              lane.step(d, plan, period);
              return null;
            }));
          }
          for (Future<Void> f : futures) {
            await(f);
          }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long lines = ctx.linesWritten.get();
        progress.accept(new Progress((int) (day - ctx.fromDay + 1), daysTotal, lines,
            seconds > 0 ? lines / seconds : 0));
      }
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
  }

  private static void await(Future<Void> f) throws IOException {
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) {
        throw io;
      }
      if (c instanceof RuntimeException re) {
        throw re;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(c);
    }
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "generate-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private GenerateSummary summarise(List<Lane> lanes, Map<String, Long> referenceFiles, double seconds) {
    TreeMap<Integer, Counts> byYear = new TreeMap<>();
    Counts total = new Counts();
    Map<String, Long> lines = new LinkedHashMap<>();
    lines.put("dvc", 0L);
    lines.put("legacy", 0L);
    Map<String, Map<String, Long>> badByFeed = new LinkedHashMap<>();
    Map<String, Long> badByReason = new LinkedHashMap<>();
    for (BadReason r : BadReason.values()) {
      badByReason.put(r.code, 0L);
    }
    badByFeed.put("dvc", new LinkedHashMap<>(badByReason));
    badByFeed.put("legacy", new LinkedHashMap<>(badByReason));
    long reexported = 0;
    long open = 0;
    long dvcFiles = 0;
    long legacyFiles = 0;
    for (Lane lane : lanes) {
      String feed = lane.legacy ? "legacy" : "dvc";
      lane.tally.byYear.forEach((y, c) -> {
        byYear.computeIfAbsent(y, k -> new Counts()).add(c);
        total.add(c);
      });
      lines.merge(feed, lane.tally.lines, Long::sum);
      for (BadReason r : BadReason.values()) {
        badByReason.merge(r.code, lane.tally.badByReason[r.ordinal()], Long::sum);
        badByFeed.get(feed).merge(r.code, lane.tally.badByReason[r.ordinal()], Long::sum);
      }
      reexported += lane.tally.reexported;
      open += lane.tally.openAtEnd;
      if (lane.legacy) {
        legacyFiles += lane.tally.files;
      } else {
        dvcFiles += lane.tally.files;
      }
    }
    Map<String, Long> files = new LinkedHashMap<>();
    files.put("dvc", dvcFiles);
    files.put("legacy", legacyFiles);
    files.putAll(referenceFiles);
    files.put("summary", 1L);
    Map<Integer, GenerateSummary.DossierCounts> years = new LinkedHashMap<>();
    byYear.forEach((y, c) -> years.put(y, c.freeze()));
    return new GenerateSummary(spec.from(), spec.to(), spec.scale(), spec.seed(), spec.pace(), total.freeze(), years, lines,
        badByReason, badByFeed, reexported, open, files, seconds);
  }
}
