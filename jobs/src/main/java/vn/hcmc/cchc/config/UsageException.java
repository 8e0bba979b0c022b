package vn.hcmc.cchc.config;

/** A problem the user can fix by changing an argument, a flag or the environment (exit code 2). */
public class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }
}
