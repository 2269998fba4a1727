package io.perfagent.agent.weave;

import io.perfagent.bootstrap.StageInfo;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The values of one {@code @io.perfagent.Monitored}, read from the class file. Matched by
 * name, so the application's class loader needs nothing from the agent; absent values are the
 * annotation's defaults.
 */
final class MonitoredAnnotation {

  static final String DESCRIPTOR = "Lio/perfagent/Monitored;";

  String value = "";
  String pipeline = "";
  int mode = StageInfo.MODE_AUTO;

  /** A new, empty one when {@code descriptor} is {@code @Monitored}'s, else null. */
  static MonitoredAnnotation of(String descriptor) {
    return DESCRIPTOR.equals(descriptor) ? new MonitoredAnnotation() : null;
  }

  /** Fills in the values as the class reader reports them. */
  AnnotationVisitor reader() {
    return new AnnotationVisitor(Opcodes.ASM9) {
      @Override
      public void visit(String name, Object v) {
        if (v instanceof String) {
          if ("value".equals(name)) {
            value = (String) v;
          } else if ("pipeline".equals(name)) {
            pipeline = (String) v;
          }
        }
      }

      @Override
      public void visitEnum(String name, String descriptor, String v) {
        if ("mode".equals(name)) {
          mode = "SPAN".equals(v) ? StageInfo.MODE_SPAN
              : "AGGREGATE".equals(v) ? StageInfo.MODE_AGGREGATE : StageInfo.MODE_AUTO;
        }
      }
    };
  }
}
