package vn.hcmc.cchc.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the files say moves with the pace: four working days of January 2022 against four of
 * December 2024, read back from the landing zone, at the documented pace and at pace 0.
 */
class GeneratedTrendTest {
  private static final double SCALE = 0.005;
  private static final long SEED = 24;

  @TempDir
  Path dir;

  /** Online and eID-verified shares of the dossiers received in a slice, from the files. */
  record Shares(long received, long online, long eid) {
    double onlineShare() {
      return (double) online / received;
    }

    double eidShare() {
      return (double) eid / online;
    }
  }

  private Shares generate(String name, String from, String to, double pace) {
    Path out = dir.resolve(name);
    Generated.run(Generated.spec(out, from, to, SCALE, SEED).withPace(pace));
    long received = 0;
    long online = 0;
    long eid = 0;
    for (RawLandingZone.Raw r : new RawLandingZone(out).latest().values()) {
      if (r.status == 1 || r.status == 3) {
        continue;
      }
      received++;
      if (r.channel == 2) {
        online++;
        eid += r.flag("XacThucVNeID") ? 1 : 0;
      }
    }
    return new Shares(received, online, eid);
  }

  private Shares january2022(double pace) {
    return generate("jan-2022-" + pace, "2022-01-04", "2022-01-07", pace);
  }

  private Shares december2024(double pace) {
    return generate("dec-2024-" + pace, "2024-12-17", "2024-12-20", pace);
  }

  @Test
  void atTheDocumentedPaceMoreComeOnlineAndMoreOfThemWithEid() {
    Shares early = january2022(1);
    Shares late = december2024(1);
    assertThat(early.online).isGreaterThan(100);
    // working days: online ~16% then ~35% (2021's shares x 1.025, then x 2.1); eID among them: 21% then 72%
    assertThat(late.onlineShare() - early.onlineShare()).isGreaterThan(0.15);
    assertThat(early.eidShare()).isBetween(0.10, 0.32);
    assertThat(late.eidShare()).isBetween(0.62, 0.82);
  }

  @Test
  void atPace0TheCityOf2024IsThatOf2022() {
    Shares early = january2022(0);
    Shares late = december2024(0);
    // both at 2021's rates: 18% online, 20% of them with eID; the differences are sampling noise
    assertThat(late.onlineShare() - early.onlineShare()).isBetween(-0.04, 0.04);
    assertThat(late.eidShare() - early.eidShare()).isBetween(-0.10, 0.10);
  }
}
