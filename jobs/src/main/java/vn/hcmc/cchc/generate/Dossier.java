package vn.hcmc.cchc.generate;

/**
 * The whole life of one dossier, decided at receipt: what happens when, and the two or three
 * snapshots the one-stop system exports along the way. Compact on purpose: the generator keeps
 * every open dossier in memory until its last snapshot is written.
 */
final class Dossier {
  long seed; // applicant and other per-dossier draws
  Agency agency;
  Procedure procedure;
  long receiptDay;
  int seq;
  byte channel;
  byte onlineLevel;
  byte applicantType;
  long received;
  long due;
  long finished;
  long returned;
  long withdrawn;
  int flags; // Field#bit, XIN_LOI included (shown from status 9 on)
  byte device;
  byte rating; // shown on status 10 only
  boolean resultDateOmitted;
  boolean late;
  byte snapshots;
  final byte[] status = new byte[3];
  final long[] at = new long[3];
  // built on the first write and kept for the dossier's later snapshots
  private String code;
  private String applicantName;
  private String applicantId;
  private String applicantPhone;

  void addSnapshot(int s, long t) {
    status[snapshots] = (byte) s;
    at[snapshots] = t;
    snapshots++;
  }

  int finalStatus() {
    return status[snapshots - 1];
  }

  /** Writes snapshot {@code k} into {@code r} (overrides cleared). */
  void fill(Record r, int k, WorkingCalendar cal) {
    r.clearOverrides();
    r.maHoSo = maHoSo(cal);
    r.maTTHC = procedure.code;
    r.maDonVi = agency.code;
    r.channel = channel;
    r.onlineLevel = onlineLevel;
    r.applicantType = applicantType;
    int s = status[k];
    r.status = s;
    r.received = received;
    r.due = due;
    r.finished = (s == 9 || (s == 10 && !resultDateOmitted)) ? finished : 0;
    r.returned = s == 10 ? returned : 0;
    r.withdrawn = (s == 7 || s == 8) ? withdrawn : 0;
    r.updated = at[k];
    r.flags = (s == 9 || s == 10) ? flags : flags & ~Field.XIN_LOI.bit();
    r.device = device;
    r.rating = s == 10 ? rating : 0;
    if (applicantName == null) {
      Applicants.fill(r, seed, applicantType);
      applicantName = r.name;
      applicantId = r.id;
      applicantPhone = r.phone;
    } else {
      r.name = applicantName;
      r.id = applicantId;
      r.phone = applicantPhone;
    }
  }

  /** {@code <agency code>-<yyMMdd of receipt>-<seq, 4 digits or more>}; kept once built. */
  String maHoSo(WorkingCalendar cal) {
    if (code == null) {
      StringBuilder sb = new StringBuilder(agency.code.length() + 16);
      sb.append(agency.code).append('-').append(cal.yyMMdd(receiptDay)).append('-');
      String n = Integer.toString(seq);
      for (int i = n.length(); i < 4; i++) {
        sb.append('0');
      }
      code = sb.append(n).toString();
    }
    return code;
  }
}
