package io.perfagent.agent.weave;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The first of weaving's two passes over a class file: its names and annotations, with no
 * method's code parsed. Each method's local variable count, which a class reader reports only
 * after the code, comes from {@link ClassBytes}: the second pass needs it before the first
 * instruction, to put the woven locals after the method's own.
 */
final class TypeScanner extends ClassVisitor {

  private String name;
  private String superName;
  private int access;
  private String[] interfaces;
  private int version;
  private String simpleName;
  private MonitoredAnnotation monitored;
  private final List<MethodInfo> methods = new ArrayList<>();
  private final Map<String, Integer> maxLocals;

  private TypeScanner(Map<String, Integer> maxLocals) {
    super(Opcodes.ASM9);
    this.maxLocals = maxLocals;
  }

  static TypeInfo scan(ClassReader reader, byte[] bytes) {
    Map<String, Integer> maxLocals = ClassBytes.maxLocals(bytes);
    if (maxLocals == null) {
      throw new IllegalArgumentException("unreadable class file");
    }
    TypeScanner scanner = new TypeScanner(maxLocals);
    reader.accept(scanner,
        ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    String simple = scanner.simpleName;
    if (simple == null) { // a top-level class
      simple = scanner.name.substring(scanner.name.lastIndexOf('/') + 1);
    }
    ClassHeader header = new ClassHeader(scanner.access, scanner.name, scanner.superName,
        scanner.interfaces == null ? new String[0] : scanner.interfaces);
    return new TypeInfo(header, scanner.version, simple,
        scanner.monitored, scanner.methods);
  }

  @Override
  public void visit(int version, int access, String name, String signature, String superName,
      String[] interfaces) {
    this.version = version;
    this.access = access;
    this.interfaces = interfaces;
    this.name = name;
    this.superName = superName;
  }

  @Override
  public void visitInnerClass(String name, String outerName, String innerName, int access) {
    if (name.equals(this.name)) {
      simpleName = innerName == null ? "" : innerName;
    }
  }

  @Override
  public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
    MonitoredAnnotation found = MonitoredAnnotation.of(descriptor);
    if (found == null) {
      return null;
    }
    monitored = found;
    return found.reader();
  }

  @Override
  public MethodVisitor visitMethod(int access, String name, String descriptor,
      String signature, String[] exceptions) {
    return new MethodVisitor(Opcodes.ASM9) {
      private MonitoredAnnotation annotation;

      @Override
      public AnnotationVisitor visitAnnotation(String desc, boolean visible) {
        MonitoredAnnotation found = MonitoredAnnotation.of(desc);
        if (found == null) {
          return null;
        }
        annotation = found;
        return found.reader();
      }

      @Override
      public void visitEnd() {
        Integer locals = maxLocals.get(name + descriptor);
        methods.add(new MethodInfo(access, name, descriptor, annotation,
            locals == null ? -1 : locals));
      }
    };
  }
}
