package io.perfagent.otel;

import java.lang.annotation.Annotation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.implementation.bytecode.constant.IntegerConstant;

/**
 * Binds {@link StageId} and {@link StageMode} advice parameters to constants registered when
 * the method is woven. Registration is idempotent (a method woven twice, or in two class
 * loaders, keeps its stage), so resolving both the enter and the exit advice is harmless.
 */
final class StageMapping<T extends Annotation> implements Advice.OffsetMapping.Factory<T> {

  private final Class<T> type;
  private final boolean id;

  private StageMapping(Class<T> type, boolean id) {
    this.type = type;
    this.id = id;
  }

  /** The advice mapping of both annotations. */
  static Advice.WithCustomMapping bind(Advice.WithCustomMapping mapping) {
    return mapping.bind(new StageMapping<>(StageId.class, true))
        .bind(new StageMapping<>(StageMode.class, false));
  }

  @Override
  public Class<T> getAnnotationType() {
    return type;
  }

  @Override
  public Advice.OffsetMapping make(ParameterDescription.InDefinedShape target,
      AnnotationDescription.Loadable<T> annotation, AdviceType adviceType) {
    return new Advice.OffsetMapping() {
      @Override
      public Target resolve(TypeDescription instrumentedType,
          MethodDescription instrumentedMethod, Assigner assigner,
          Advice.ArgumentHandler argumentHandler, Sort sort) {
        MonitoredMethod m = MonitoredMethod.of(instrumentedType, instrumentedMethod);
        return new Target.ForStackManipulation(
            IntegerConstant.forValue(id ? m.stageId : m.mode));
      }
    };
  }
}
