package io.perfagent.agent.resource;

import io.perfagent.agent.TempFiles;
import io.perfagent.bootstrap.resource.ResourceSource;
import io.perfagent.bootstrap.resource.ResourceSourceFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Consumer;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads the samplers (perf-samplers with OSHI, JNA and SLF4J, nested in perf.jar under
 * {@value #NESTED}) in a class loader of their own whose parent is the platform loader: JNA
 * cannot be relocated (its native library binds to its package names), so it must never be
 * the application's JNA, nor be seen by it. The contract types come from the bootstrap class
 * path, which both sides see.
 *
 * <p>Only the samplers' own jar is extracted up front. The others are extracted the first
 * time a class or resource of theirs is asked for: on Linux the readers go to /proc directly,
 * so OSHI and JNA (4.4 MB) stay in perf.jar unless a fallback or the NVIDIA sampler needs them.
 */
public final class SamplerLoader {

  static final String NESTED = "io/perfagent/agent/samplers/";
  static final String SAMPLERS = "perf-samplers.jar";
  /** The other nested jars, by the package paths they hold. */
  static final Map<String, List<String>> ON_DEMAND = Map.of(
      "com/sun/jna/", List.of("jna.jar", "jna-platform.jar"),
      "oshi/", List.of("oshi-core.jar"),
      "org/slf4j/", List.of("slf4j-api.jar", "slf4j-nop.jar"));

  private SamplerLoader() {}

  /** The sources this machine supports; empty (with one line to {@code info}) on failure. */
  public static List<ResourceSource> load(Map<String, String> settings, Consumer<String> info) {
    try {
      NestedJars jars = NestedJars.locate();
      if (!jars.has(SAMPLERS)) {
        info.accept("resource sampling is off: the sampler jars are missing from perf.jar");
        return List.of();
      }
      IsolatedLoader loader = new IsolatedLoader(jars);
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
   * path under perf.jar, the test class path in this module's tests), the rest from its jars,
   * each added when first needed.
   */
  static final class IsolatedLoader extends URLClassLoader {
    private static final String CONTRACT = "io.perfagent.bootstrap.";

    static {
      ClassLoader.registerAsParallelCapable();
    }

    private final NestedJars jars;
    private final Set<String> added = new HashSet<>();

    IsolatedLoader(NestedJars jars) throws IOException {
      super("perf-samplers", new URL[] {jars.url(SAMPLERS)},
          ClassLoader.getPlatformClassLoader());
      this.jars = jars;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith(CONTRACT)) {
        return Class.forName(name, false, ResourceSourceFactory.class.getClassLoader());
      }
      return super.loadClass(name, resolve);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      try {
        return super.findClass(name);
      } catch (ClassNotFoundException e) {
        if (addJarsFor(name.replace('.', '/'))) {
          return super.findClass(name);
        }
        throw e;
      }
    }

    @Override
    public URL findResource(String name) {
      URL found = super.findResource(name);
      return found == null && addJarsFor(name) ? super.findResource(name) : found;
    }

    @Override
    public Enumeration<URL> findResources(String name) throws IOException {
      addJarsFor(name);
      return super.findResources(name);
    }

    /** Adds the jars holding {@code path}'s package; false when none was new. */
    private synchronized boolean addJarsFor(String path) {
      boolean any = false;
      for (Map.Entry<String, List<String>> e : ON_DEMAND.entrySet()) {
        if (!path.startsWith(e.getKey())) {
          continue;
        }
        for (String jar : e.getValue()) {
          if (added.add(jar)) {
            try {
              addURL(jars.url(jar));
              any = true;
            } catch (IOException failed) {
              added.remove(jar); // tried again on the next miss; the miss itself is reported
            }
          }
        }
      }
      return any;
    }

    /** The jars added so far, by file name (tests). */
    synchronized Set<String> added() {
      return new HashSet<>(added);
    }
  }

  /**
   * The nested jars: files when the agent runs from unpacked classes, else in perf.jar (or in
   * the jar its class loader reads them from, when it has no file to name).
   */
  static final class NestedJars {
    private final Path perfJar; // null when unpacked
    private final Path dir;
    private final Map<String, URL> extracted = new HashMap<>();

    private NestedJars(Path perfJar, Path dir) {
      this.perfJar = perfJar;
      this.dir = dir;
    }

    /**
     * Where the nested jars are: found as resources of this class's loader, since this class
     * (in perf-agent-core) need not sit in the jar that nests them: a directory of unpacked
     * classes (the agent module's tests), a jar file (perf.jar, the extension jar), or a loader
     * that names no file (then they are read as its resources).
     */
    static NestedJars locate() throws IOException {
      ClassLoader loader = SamplerLoader.class.getClassLoader();
      URL found = loader == null ? null : loader.getResource(NESTED + SAMPLERS);
      if (found == null) {
        throw new IOException(SAMPLERS + " is not nested in the agent's jar");
      }
      try {
        if ("file".equals(found.getProtocol())) {
          return new NestedJars(null, Path.of(found.toURI()).getParent());
        }
        if ("jar".equals(found.getProtocol())) {
          URL jar = ((JarURLConnection) found.openConnection()).getJarFileURL();
          if ("file".equals(jar.getProtocol())) {
            return new NestedJars(Path.of(jar.toURI()), null);
          }
        }
      } catch (URISyntaxException | ClassCastException e) {
        // fall through: read them as resources
      }
      return new NestedJars(null, null);
    }

    boolean has(String name) throws IOException {
      if (perfJar == null && dir == null) {
        return SamplerLoader.class.getClassLoader().getResource(NESTED + name) != null;
      }
      if (perfJar == null) {
        return Files.isRegularFile(dir.resolve(name));
      }
      try (JarFile jar = new JarFile(perfJar.toFile())) {
        return jar.getEntry(NESTED + name) != null;
      }
    }

    private URL extractResource(String name) throws IOException {
      try (InputStream in = SamplerLoader.class.getClassLoader()
          .getResourceAsStream(NESTED + name)) {
        if (in == null) {
          throw new IOException(name + " is missing from the agent's jar");
        }
        Path target = TempFiles.create("perf-samplers-", "-" + name);
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        URL url = target.toUri().toURL();
        extracted.put(name, url);
        return url;
      }
    }

    /** The jar's URL, extracting it to a temp file the first time. */
    synchronized URL url(String name) throws IOException {
      if (dir != null) {
        return dir.resolve(name).toUri().toURL();
      }
      URL url = extracted.get(name);
      if (url == null && perfJar == null) {
        url = extractResource(name);
      }
      if (url == null) {
        try (JarFile jar = new JarFile(perfJar.toFile())) {
          JarEntry entry = jar.getJarEntry(NESTED + name);
          if (entry == null) {
            throw new IOException(name + " is missing from perf.jar");
          }
          Path target = TempFiles.create("perf-samplers-", "-" + name);
          try (InputStream in = jar.getInputStream(entry)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
          }
          url = target.toUri().toURL();
          extracted.put(name, url);
        }
      }
      return url;
    }
  }
}
