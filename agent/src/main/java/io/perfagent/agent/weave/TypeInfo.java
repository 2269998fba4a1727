package io.perfagent.agent.weave;

import java.util.ArrayList;
import java.util.List;

/** What weaving needs to know of a class, read from its bytes by {@link TypeScanner}. */
final class TypeInfo {

  final String internalName;
  final String superName;
  final int version;
  /** The source-level simple name ("" for an anonymous class). */
  final String simpleName;
  /** The {@code @Monitored} on the type, or null. */
  final MonitoredAnnotation monitored;
  final List<MethodInfo> methods;

  TypeInfo(String internalName, String superName, int version, String simpleName,
      MonitoredAnnotation monitored, List<MethodInfo> methods) {
    this.internalName = internalName;
    this.superName = superName;
    this.version = version;
    this.simpleName = simpleName;
    this.monitored = monitored;
    this.methods = new ArrayList<>(methods);
  }

  /** The binary name, as {@code Class.getName()} says it. */
  String className() {
    return internalName.replace('/', '.');
  }

  boolean named(String internal) {
    return internalName.equals(internal);
  }

  MethodInfo method(String name, String descriptor) {
    for (MethodInfo m : methods) {
      if (m.name.equals(name) && m.descriptor.equals(descriptor)) {
        return m;
      }
    }
    return null;
  }
}
