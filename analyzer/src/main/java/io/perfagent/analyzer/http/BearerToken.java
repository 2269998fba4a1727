package io.perfagent.analyzer.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The optional bearer token: {@code Authorization: Bearer <token>}, compared in constant time. */
public final class BearerToken {

  private final byte[] expected;

  /** {@code token} null: every request passes. */
  public BearerToken(String token) {
    this.expected = token == null ? null : token.getBytes(StandardCharsets.US_ASCII);
  }

  public boolean required() {
    return expected != null;
  }

  /** True when no token is required or {@code authorization} carries it. */
  public boolean accepts(String authorization) {
    if (expected == null) {
      return true;
    }
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given);
  }
}
