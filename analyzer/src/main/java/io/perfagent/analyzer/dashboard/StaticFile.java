package io.perfagent.analyzer.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One file the dashboard serves: its bytes (read from the class path once, on first use), its
 * content type and an entity tag over its bytes.
 */
final class StaticFile {

  private final String resource;
  private final String contentType;
  private volatile byte[] body;
  private volatile String etag;

  /** {@code resource}: an absolute class-path name, e.g. {@code /io/perfagent/.../x.js}. */
  StaticFile(String resource, String contentType) {
    this.resource = resource;
    this.contentType = contentType;
  }

  String contentType() {
    return contentType;
  }

  byte[] body() {
    load();
    return body;
  }

  String etag() {
    load();
    return etag;
  }

  private void load() {
    if (body != null) {
      return;
    }
    try (InputStream in = StaticFile.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks " + resource);
      }
      byte[] bytes = in.readAllBytes();
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      etag = "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
      body = bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
