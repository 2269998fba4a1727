package io.perfagent.agent.weave;

import java.io.File;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * Finds the class file of a super type for {@link SuperTypes}. First where the class being
 * woven came from (its jar or directory: a super type is most often beside it, and a jar entry
 * is one hash lookup), then through its class loader ({@code getResourceAsStream}: a URL and a
 * connection per call, several times slower while the JVM starts). At most {@link #MAX_JARS}
 * jars are kept open, read only; the others are read through the loader.
 */
final class ClassFiles {

  static final int MAX_JARS = 16;
  private static final JarFile NOT_A_JAR = null;

  private final Map<String, JarFile> jars = new HashMap<>();

  /** The class file of {@code type} (internal name), or null when it cannot be found. */
  byte[] read(ClassLoader loader, ProtectionDomain domain, String type) {
    byte[] beside = fromCodeSource(domain, type);
    return beside != null ? beside : viaLoader(loader, type);
  }

  static byte[] viaLoader(ClassLoader loader, String type) {
    try (InputStream in = loader == null
        ? ClassLoader.getSystemResourceAsStream(type + ".class")
        : loader.getResourceAsStream(type + ".class")) {
      return in == null ? null : in.readAllBytes();
    } catch (Throwable t) {
      return null; // unreadable: taken as matching nothing
    }
  }

  private byte[] fromCodeSource(ProtectionDomain domain, String type) {
    try {
      CodeSource source = domain == null ? null : domain.getCodeSource();
      URL location = source == null ? null : source.getLocation();
      if (location == null || !"file".equals(location.getProtocol())) {
        return null;
      }
      String path = location.getPath();
      if (path.endsWith("/")) {
        Path file = new File(location.toURI()).toPath().resolve(type + ".class");
        return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
      }
      JarFile jar = jar(location);
      if (jar == null) {
        return null;
      }
      ZipEntry entry = jar.getEntry(type + ".class");
      if (entry == null) {
        return null;
      }
      try (InputStream in = jar.getInputStream(entry)) {
        return in.readAllBytes();
      }
    } catch (Throwable t) {
      return null; // the loader may still find it
    }
  }

  private synchronized JarFile jar(URL location) throws Exception {
    String key = location.toString();
    if (jars.containsKey(key)) {
      return jars.get(key);
    }
    if (jars.size() >= MAX_JARS) {
      return NOT_A_JAR;
    }
    File file = new File(location.toURI());
    JarFile jar = file.isFile() ? new JarFile(file, false) : NOT_A_JAR;
    jars.put(key, jar);
    return jar;
  }
}
