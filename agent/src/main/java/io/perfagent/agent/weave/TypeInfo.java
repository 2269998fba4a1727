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
  /** The class's access flags and direct interfaces, as its header says. */
  final ClassHeader header;
  /** The stage rules that apply to this class, found once per class (see RuleInstrumentation). */
  List<io.perfagent.agent.rules.StageRule> rules;

  TypeInfo(ClassHeader header, int version, String simpleName,
      MonitoredAnnotation monitored, List<MethodInfo> methods) {
    this.header = header;
    this.internalName = header.name;
    this.superName = header.superName;
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
