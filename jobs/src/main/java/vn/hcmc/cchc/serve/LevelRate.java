package vn.hcmc.cchc.serve;

import java.util.function.Function;
import vn.hcmc.cchc.serve.ReportData.KeyRates;

/** The key rates of the levels compared, in display order: the chart's rows and the table's columns. */
enum LevelRate {
  ON_TIME("resolved on time", KeyRates::onTimeRate),
  ONLINE("received online", KeyRates::onlineRate),
  FULL_ONLINE("received fully online", KeyRates::fullOnlineRate),
  SATISFACTION("satisfied", KeyRates::satisfactionRate),
  E_CIRCULATION("passed between agencies electronically", KeyRates::eCirculationRate);

  final String label;
  final Function<KeyRates, Double> value;

  LevelRate(String label, Function<KeyRates, Double> value) {
    this.label = label;
    this.value = value;
  }
}
