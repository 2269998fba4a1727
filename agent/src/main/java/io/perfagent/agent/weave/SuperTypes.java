package io.perfagent.agent.weave;

import java.security.ProtectionDomain;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which rule targets a class is, or extends or implements, directly or not. A class file names
 * only its direct super types, and those load after it (the JVM resolves a class's super types
 * once its bytes, woven or not, are parsed), so a super type not seen yet is read from its
 * class file ({@link ClassFiles}: beside the class being woven, else through its loader),
 * header only, once per name: the answers are cached by name (a name that means two classes in
 * two loaders is rare enough to accept), at most {@link #MAX_CACHED} of them. JDK super types
 * are followed only when a target is a JDK type: nothing in the JDK extends an application's
 * type.
 */
final class SuperTypes {

  static final int MAX_CACHED = 10_000;
  private static final String[] NONE = new String[0];
  /** Deeper hierarchies exist only by mistake (or a cycle in broken class files). */
  private static final int MAX_DEPTH = 40;

  private final Set<String> targets;
  private final boolean jdkTargets;
  private final ConcurrentHashMap<String, String[]> below = new ConcurrentHashMap<>();
  private final ClassFiles files = new ClassFiles();

  SuperTypes(Set<String> targets) {
    this.targets = Set.copyOf(targets);
    boolean jdk = false;
    for (String t : targets) {
      jdk |= isJdk(t);
    }
    this.jdkTargets = jdk;
  }

  /** The JDK's own packages: rules never weave their classes. */
  static boolean isJdk(String internalName) {
    return internalName.startsWith("java/") || internalName.startsWith("javax/")
        || internalName.startsWith("jdk/") || internalName.startsWith("sun/")
        || internalName.startsWith("com/sun/");
  }

  /** The targets that the class {@code header} describes is, or is below; empty when none. */
  String[] targetsOf(ClassLoader loader, ClassHeader header) {
    return targetsOf(loader, null, header);
  }

  /**
   * As {@link #targetsOf(ClassLoader, ClassHeader)}; {@code domain}, where the class comes from
   * (null: unknown), is where its super types are looked for first.
   */
  String[] targetsOf(ClassLoader loader, ProtectionDomain domain, ClassHeader header) {
    String[] found = collect(loader, domain, header, 0);
    if (!header.isFinal() && below.size() < MAX_CACHED) {
      below.put(header.name, found); // it may be the super type of classes loaded later
    }
    return found;
  }

  private String[] collect(ClassLoader loader, ProtectionDomain domain, ClassHeader header,
      int depth) {
    Set<String> found = null;
    if (targets.contains(header.name)) {
      found = new LinkedHashSet<>();
      found.add(header.name);
    }
    found = addAll(found, below(loader, domain, header.superName, depth + 1));
    for (String i : header.interfaces) {
      found = addAll(found, below(loader, domain, i, depth + 1));
    }
    return found == null ? NONE : found.toArray(NONE);
  }

  private String[] below(ClassLoader loader, ProtectionDomain domain, String type, int depth) {
    if (type == null || type.equals("java/lang/Object") || depth > MAX_DEPTH) {
      return NONE;
    }
    String[] known = below.get(type);
    if (known != null) {
      return known;
    }
    if (!jdkTargets && isJdk(type)) {
      return NONE;
    }
    byte[] bytes = files.read(loader, domain, type);
    ClassHeader header = bytes == null ? null : ClassBytes.header(bytes);
    String[] found = header != null ? collect(loader, domain, header, depth)
        : targets.contains(type) ? new String[] {type} : NONE;
    if (below.size() < MAX_CACHED) {
      below.put(type, found);
    }
    return found;
  }

  private static Set<String> addAll(Set<String> into, String[] more) {
    if (more.length == 0) {
      return into;
    }
    Set<String> out = into == null ? new LinkedHashSet<>() : into;
    for (String m : more) {
      out.add(m);
    }
    return out;
  }

  /** {@code type}'s class file as {@code loader} finds it, or null. */
  static byte[] classFile(ClassLoader loader, String type) {
    return ClassFiles.viaLoader(loader, type);
  }
}
