package vn.hcmc.cchc.generate;

/** Mutable counterpart of {@link GenerateSummary.DossierCounts}, one per lane and year. */
final class Counts {
  long dossiers;
  long received;
  long receivedOnline;
  long receivedFullOnline;
  long receivedPartialOnline;
  long receivedPostal;
  long refused;
  long registered;
  long resolved;
  long resolvedEarly;
  long resolvedOnTime;
  long resolvedLate;
  long lateWithApology;
  long withdrawn;
  long rated;
  long ratedSatisfied;
  long interagency;
  long eCirculated;
  long priorDocuments;
  long dataReused;
  long digitised;
  long eidVerified;
  long paidOnline;
  long mobile;

  void add(Counts o) {
    dossiers += o.dossiers;
    received += o.received;
    receivedOnline += o.receivedOnline;
    receivedFullOnline += o.receivedFullOnline;
    receivedPartialOnline += o.receivedPartialOnline;
    receivedPostal += o.receivedPostal;
    refused += o.refused;
    registered += o.registered;
    resolved += o.resolved;
    resolvedEarly += o.resolvedEarly;
    resolvedOnTime += o.resolvedOnTime;
    resolvedLate += o.resolvedLate;
    lateWithApology += o.lateWithApology;
    withdrawn += o.withdrawn;
    rated += o.rated;
    ratedSatisfied += o.ratedSatisfied;
    interagency += o.interagency;
    eCirculated += o.eCirculated;
    priorDocuments += o.priorDocuments;
    dataReused += o.dataReused;
    digitised += o.digitised;
    eidVerified += o.eidVerified;
    paidOnline += o.paidOnline;
    mobile += o.mobile;
  }

  GenerateSummary.DossierCounts freeze() {
    return new GenerateSummary.DossierCounts(dossiers, received, receivedOnline, receivedFullOnline,
        receivedPartialOnline, receivedPostal, refused, registered, resolved, resolvedEarly, resolvedOnTime,
        resolvedLate, lateWithApology, withdrawn, rated, ratedSatisfied, interagency, eCirculated,
        priorDocuments, dataReused, digitised, eidVerified, paidOnline, mobile);
  }
}
