package vn.hcmc.cchc.city;

import java.time.ZoneId;
import java.util.List;

/**
 * Ho Chi Minh City as the contract fixes it (RAW.md, WAREHOUSE.md): its clock, its code, how the
 * gold tables roll its agencies up, and the codes of a dossier's life. Every stage needs some of
 * it (normalize the clock and the statuses; marts the clock, the code, the scopes and the statuses;
 * serve the scopes; the launcher the clock), and a copy per stage is how a {@code 9, 10} in one of
 * them drifts from the contract unnoticed.
 *
 * <p>A package of its own rather than {@code config}: config is what an environment may set (a
 * {@code .conf} file, a flag, a secret), and none of this may be set; a warehouse of another city
 * would be another contract, not another configuration.
 */
public final class City {
  private City() {}

  /** The feeds' wall-clock zone; a constant expression, so that a picocli default can name it. */
  public static final String ZONE_ID = "Asia/Ho_Chi_Minh";
  /** Every feed gives local wall-clock time of the city, without an offset; months and days are local too. */
  public static final ZoneId ZONE = ZoneId.of(ZONE_ID);
  /** The {@code scope_code} of the whole city (and feed D's code for it). */
  public static final String CODE = "HCM";
  /** The {@code sector} of a gold row that counts every sector. */
  public static final String ALL_SECTORS = "*";

  /** The {@code scope_type}s of every gold table (WAREHOUSE.md, "Scopes"). */
  public static final class Scope {
    private Scope() {}

    public static final String CITY = "city";
    /** {@code scope_code} is a {@link Level}. */
    public static final String LEVEL = "level";
    /** {@code scope_code} is a GSO district code. */
    public static final String DISTRICT = "district";
    /** {@code scope_code} is an agency code. */
    public static final String AGENCY = "agency";
    /** Widest first: the order a reader looks for who lags. */
    public static final List<String> WIDEST_FIRST = List.of(CITY, LEVEL, DISTRICT, AGENCY);
  }

  /** The administrative level of an agency (the snapshots' {@code level}). */
  public static final class Level {
    private Level() {}

    /** Departments of the city (sở, ban, ngành). */
    public static final String CITY = "city";
    public static final String DISTRICT = "district";
    public static final String COMMUNE = "commune";
    public static final List<String> ALL = List.of(CITY, DISTRICT, COMMUNE);
  }

  /** {@code channel} of {@code silver.cases} (WAREHOUSE.md, "Canonical values"), code {@code n} at index {@code n - 1}. */
  public static final List<String> CHANNELS = List.of("desk", "online", "postal");
  /** {@code online_level} of {@code silver.cases} (WAREHOUSE.md, "Canonical values"). */
  public static final List<String> ONLINE_LEVELS = List.of("none", "partial", "full");

  /** A dossier's {@code status_code} (WAREHOUSE.md, "Canonical values"). */
  public static final class Status {
    private Status() {}

    public static final int REGISTERED = 1;
    public static final int RECEIVED = 2;
    public static final int REFUSED = 3;
    public static final int IN_PROCESS = 4;
    public static final int SUPPLEMENT_REQUESTED = 5;
    public static final int FEE_REQUESTED = 6;
    public static final int WITHDRAWN = 7;
    public static final int STOPPED = 8;
    public static final int FINISHED = 9;
    public static final int RETURNED = 10;

    /** {@code status} of {@code silver.cases}, code {@code n} at index {@code n - 1}. */
    public static final List<String> NAMES = List.of("registered", "received", "refused", "in_process",
        "supplement_requested", "fee_requested", "withdrawn", "stopped", "finished", "returned");
    /** Closed with a result, at {@code resolved_at}; such a dossier needs a result or return date. */
    public static final List<Integer> FINISHED_CODES = List.of(FINISHED, RETURNED);
    /** Closed without one, at {@code withdrawn_at}. */
    public static final List<Integer> WITHDRAWN_CODES = List.of(WITHDRAWN, STOPPED);
    /** Never accepted: such a dossier counts nowhere in the marts. */
    public static final List<Integer> UNCOUNTED_CODES = List.of(REGISTERED, REFUSED);
  }

  /** A dossier's satisfaction {@code rating} (RAW.md: 0 none, 1 very satisfied, 2 satisfied, 3 not satisfied). */
  public static final class Rating {
    private Rating() {}

    public static final List<Integer> SATISFIED_CODES = List.of(1, 2);
  }
}
