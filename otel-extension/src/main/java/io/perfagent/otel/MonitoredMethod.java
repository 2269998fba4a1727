package io.perfagent.otel;

import io.perfagent.bootstrap.StageInfo;
import io.perfagent.bootstrap.StageRegistry;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.annotation.AnnotationList;
import net.bytebuddy.description.enumeration.EnumerationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;

/**
 * Registers a woven method's stage from its {@code @io.perfagent.Monitored} (or its type's),
 * read by name so the application needs nothing of ours; absent values are the annotation's
 * defaults. The name, pipeline and mode rules are perf.jar's ({@link StageRegistry}).
 */
final class MonitoredMethod {

  static final String MONITORED = "io.perfagent.Monitored";

  final int stageId;
  final int mode;

  private MonitoredMethod(int stageId, int mode) {
    this.stageId = stageId;
    this.mode = mode;
  }

  static MonitoredMethod of(TypeDescription type, MethodDescription method) {
    AnnotationDescription own = find(method.getDeclaredAnnotations());
    AnnotationDescription source = own != null ? own : find(type.getDeclaredAnnotations());
    String pipeline = source == null ? "" : text(source, "pipeline");
    int mode = source == null ? StageInfo.MODE_AUTO : mode(source);
    String name = StageRegistry.methodStageName(own == null ? "" : text(own, "value"),
        simpleName(type), method.getName());
    int id = StageRegistry.register(name, pipeline, mode,
        type.getName() + "." + method.getName());
    return new MonitoredMethod(id, mode);
  }

  private static AnnotationDescription find(AnnotationList annotations) {
    for (AnnotationDescription a : annotations) {
      if (a.getAnnotationType().getName().equals(MONITORED)) {
        return a;
      }
    }
    return null;
  }

  /** As perf.jar: the inner name of a nested class, else the name after the package. */
  private static String simpleName(TypeDescription type) {
    String simple = type.getSimpleName();
    if (simple == null || simple.isEmpty()) {
      String name = type.getName();
      simple = name.substring(name.lastIndexOf('.') + 1);
    }
    return simple;
  }

  private static String text(AnnotationDescription a, String property) {
    try {
      Object v = a.getValue(property).resolve();
      return v instanceof String ? (String) v : "";
    } catch (RuntimeException e) {
      return ""; // the annotation type could not be read: its default
    }
  }

  private static int mode(AnnotationDescription a) {
    try {
      String v = a.getValue("mode").resolve(EnumerationDescription.class).getValue();
      return "SPAN".equals(v) ? StageInfo.MODE_SPAN
          : "AGGREGATE".equals(v) ? StageInfo.MODE_AGGREGATE : StageInfo.MODE_AUTO;
    } catch (RuntimeException e) {
      return StageInfo.MODE_AUTO;
    }
  }
}
