package vn.hcmc.cchc.quality;

/**
 * Quarantine reason codes of WAREHOUSE.md, in the order they are checked: a record that breaks
 * several rules gets the first one of this list.
 */
public enum Reason {
  MALFORMED_RECORD("not valid JSON / CSV"),
  MISSING_FIELD("a required field is missing or empty"),
  BAD_DATE("a date that does not exist or does not follow the feed's format"),
  BAD_CODE("a channel, status, online level, rating or yes/no value outside its list; feeds C and D: a count, "
      + "year, target id or denominator outside its rule, or an agency twice in one month"),
  UNKNOWN_AGENCY("agency not in the agency snapshot in force on the receipt day (feed C: the month's last day)"),
  UNKNOWN_PROCEDURE("procedure not in the catalogue snapshot in force on the receipt day"),
  DATE_ORDER("deadline, result or withdrawal before receipt"),
  MISSING_RESULT_DATE("status 9/10 with neither result date nor return date");

  private final String meaning;

  Reason(String meaning) {
    this.meaning = meaning;
  }

  /** The code stored in {@code silver.quarantine.reason}, e.g. {@code bad_date}. */
  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public String meaning() {
    return meaning;
  }
}
