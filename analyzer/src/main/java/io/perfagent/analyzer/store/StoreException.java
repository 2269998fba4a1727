package io.perfagent.analyzer.store;

/** A history operation that failed (the database is down, a disk is full). */
public final class StoreException extends Exception {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
