package vn.hcmc.cchc.cli;

import picocli.CommandLine.Option;
import vn.hcmc.cchc.config.UsageException;

/**
 * {@code --kill-holder}, on the commands that take the warehouse's lock: a live holder still there
 * after {@code cchc.lock.wait} is ended instead of failing the command (docs/RELIABILITY.md, section
 * 2). It sets {@code cchc.lock.kill-holder} for this command only ({@link JobCommand} reads it).
 */
final class KillHolderOption {
  static final String KEY = "cchc.lock.kill-holder";

  @Option(names = "--kill-holder",
      description = "End the run that holds the warehouse's lock (after cchc.lock.wait) instead of failing: its "
          + "process on this host, its application through a standalone master's web UI (cchc.lock.master-ui); "
          + "on YARN or Kubernetes the error says how to end it by hand. For a retry whose earlier attempt "
          + "still runs.")
  boolean killHolder;

  /** Refuses {@code --kill-holder} with {@code option}: a command that changes nothing ends no run. */
  void refuseWith(String option, boolean given) {
    if (killHolder && given) {
      throw new UsageException("--kill-holder with " + option + ": a command that changes nothing does not end "
          + "the run that holds the lock; drop one of them");
    }
  }
}
