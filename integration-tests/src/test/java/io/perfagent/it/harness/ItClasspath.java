package io.perfagent.it.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picks child-JVM class path entries out of this module's test class path
 * ({@code target/it-classpath.txt}) by artifact file-name prefix, e.g. {@code perf-api} or
 * {@code opentelemetry-api-1.62}. A reactor module resolved to its {@code target/classes}
 * directory is matched by its artifactId.
 */
public final class ItClasspath {

  /** ConflictingDepsApp's own libraries, each a prefix matching exactly one jar. */
  public static final List<String> CONFLICTING_DEPS = List.of(
      "opentelemetry-api-1.62",
      "opentelemetry-context-1.62",
      "opentelemetry-common-1.62",
      "opentelemetry-sdk-1.62",
      "opentelemetry-sdk-common-1.62",
      "opentelemetry-sdk-trace-1.62",
      "opentelemetry-sdk-metrics-1.62",
      "opentelemetry-sdk-logs-1.62",
      "byte-buddy-1.15",
      "jna-5.14",
      "slf4j-api-2.0",
      "slf4j-simple-2.0");

  private static final Pattern ARTIFACT_ID =
      Pattern.compile("</parent>.*?<artifactId>\\s*([^<\\s]+)\\s*</artifactId>", Pattern.DOTALL);

  private static volatile List<Path> entries;

  private ItClasspath() {}

  /** Test classes (the child programs) plus perf-api: what every child app needs. */
  public static List<Path> apps() {
    List<Path> cp = new ArrayList<>();
    cp.add(ItPaths.testClasses());
    cp.add(jar("perf-api"));
    return cp;
  }

  /** {@link #apps()} plus the entries matching {@code prefixes}. */
  public static List<Path> appsWith(List<String> prefixes) {
    List<Path> cp = apps();
    for (String prefix : prefixes) {
      cp.add(jar(prefix));
    }
    return cp;
  }

  /** The one entry whose file name starts with {@code prefix}; fails on none or several. */
  public static Path jar(String prefix) {
    List<Path> hits = new ArrayList<>();
    for (Path p : entries()) {
      if (name(p).startsWith(prefix)) {
        hits.add(p);
      }
    }
    if (hits.size() != 1) {
      throw new AssertionError((hits.isEmpty() ? "no" : "several") + " class path entries for '"
          + prefix + "' in " + ItPaths.classpathFile() + ": " + hits);
    }
    return hits.get(0);
  }

  /** All entries of the module's test class path. */
  public static List<Path> entries() {
    List<Path> l = entries;
    if (l == null) {
      Path file = ItPaths.classpathFile();
      try {
        String text = Files.readString(file).trim();
        List<Path> out = new ArrayList<>();
        for (String s : text.split(Pattern.quote(File.pathSeparator))) {
          if (!s.isBlank()) {
            out.add(Path.of(s.trim()));
          }
        }
        entries = l = List.copyOf(out);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file + " (written by "
            + "maven-dependency-plugin:build-classpath in generate-test-resources)", e);
      }
    }
    return l;
  }

  /** The jar file name; for {@code module/target/classes}, the module's artifactId. */
  private static String name(Path p) {
    if (Files.isDirectory(p) && p.getParent() != null
        && p.getParent().getFileName().toString().equals("target")) {
      Path pom = p.getParent().getParent().resolve("pom.xml");
      try {
        Matcher m = ARTIFACT_ID.matcher(Files.readString(pom));
        if (m.find()) {
          return m.group(1);
        }
      } catch (IOException ignored) {
        // fall through to the directory name
      }
    }
    return p.getFileName().toString();
  }
}
