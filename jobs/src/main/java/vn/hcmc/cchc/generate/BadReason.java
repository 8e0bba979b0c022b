package vn.hcmc.cchc.generate;

/** The quarantine reasons of WAREHOUSE.md, in its order: a record breaking several gets the first. */
public enum BadReason {
  MALFORMED_RECORD("malformed_record"),
  MISSING_FIELD("missing_field"),
  BAD_DATE("bad_date"),
  BAD_CODE("bad_code"),
  UNKNOWN_AGENCY("unknown_agency"),
  UNKNOWN_PROCEDURE("unknown_procedure"),
  DATE_ORDER("date_order"),
  MISSING_RESULT_DATE("missing_result_date");

  public final String code;

  BadReason(String code) {
    this.code = code;
  }
}
