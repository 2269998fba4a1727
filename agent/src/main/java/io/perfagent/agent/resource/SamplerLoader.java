package io.perfagent.agent.resource;

import io.perfagent.bootstrap.resource.ResourceSource;
import io.perfagent.bootstrap.resource.ResourceSourceFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Loads the samplers (perf-samplers with OSHI, JNA and SLF4J, nested in perf.jar under
 * {@value #NESTED}) in a class loader of their own whose parent is the platform loader: JNA
 * cannot be relocated (its native library binds to its package names), so it must never be
 * the application's JNA, nor be seen by it. The contract types come from the bootstrap class
 * path, which both sides see.
 */
public final class SamplerLoader {

  static final String NESTED = "io/perfagent/agent/samplers/";

  private SamplerLoader() {}

  /** The sources this machine supports; empty (with one line to {@code info}) on failure. */
  public static List<ResourceSource> load(Map<String, String> settings, Consumer<String> info) {
    try {
      List<URL> jars = nestedJars();
      if (jars.isEmpty()) {
        info.accept("resource sampling is off: the sampler jars are missing from perf.jar");
        return List.of();
      }
      URLClassLoader loader = new IsolatedLoader(jars.toArray(new URL[0]));
      Iterator<ResourceSourceFactory> it =
          ServiceLoader.load(ResourceSourceFactory.class, loader).iterator();
      if (!it.hasNext()) {
        info.accept("resource sampling is off: no sampler factory in perf.jar");
        return List.of();
      }
      ClassLoader previous = Thread.currentThread().getContextClassLoader();
      Thread.currentThread().setContextClassLoader(loader); // OSHI and SLF4J look here
      try {
        return new ArrayList<>(it.next().create(Map.copyOf(settings), info));
      } finally {
        Thread.currentThread().setContextClassLoader(previous);
      }
    } catch (Throwable t) {
      info.accept("resource sampling is off: the samplers could not be loaded (" + t + ")");
      return List.of();
    }
  }

  /**
   * Parent-last for everything but the contract: the JDK from the platform loader, the
   * {@code io.perfagent.bootstrap} types from wherever the agent has them (the bootstrap class
   * path under perf.jar, the test class path in this module's tests), the rest from its jars.
   */
  private static final class IsolatedLoader extends URLClassLoader {
    private static final String CONTRACT = "io.perfagent.bootstrap.";

    IsolatedLoader(URL[] jars) {
      super("perf-samplers", jars, ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith(CONTRACT)) {
        return Class.forName(name, false, ResourceSourceFactory.class.getClassLoader());
      }
      return super.loadClass(name, resolve);
    }
  }

  /** The nested jars, extracted next to each other when the agent runs from perf.jar. */
  static List<URL> nestedJars() throws IOException {
    Path here;
    try {
      here = Path.of(SamplerLoader.class.getProtectionDomain().getCodeSource().getLocation()
          .toURI());
    } catch (Exception e) {
      throw new IOException("cannot locate perf.jar", e);
    }
    List<URL> out = new ArrayList<>();
    if (Files.isDirectory(here)) { // unpacked classes: the module's own tests
      Path dir = here.resolve(NESTED);
      if (Files.isDirectory(dir)) {
        try (Stream<Path> files = Files.list(dir)) {
          for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".jar"))
              .sorted()::iterator) {
            out.add(p.toUri().toURL());
          }
        }
      }
      return out;
    }
    Path dir = Files.createTempDirectory("perf-samplers-");
    dir.toFile().deleteOnExit();
    try (JarFile jar = new JarFile(here.toFile())) {
      Enumeration<JarEntry> entries = jar.entries();
      while (entries.hasMoreElements()) {
        JarEntry e = entries.nextElement();
        String name = e.getName();
        if (!name.startsWith(NESTED) || !name.endsWith(".jar") || name.indexOf('/',
            NESTED.length()) >= 0) {
          continue;
        }
        Path target = dir.resolve(name.substring(NESTED.length()));
        try (InputStream in = jar.getInputStream(e)) {
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        target.toFile().deleteOnExit();
        out.add(target.toUri().toURL());
      }
    }
    return out;
  }
}
