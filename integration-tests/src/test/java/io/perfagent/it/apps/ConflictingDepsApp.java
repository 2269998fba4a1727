package io.perfagent.it.apps;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.perfagent.Monitored;
import io.perfagent.Monitored.Mode;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.matcher.ElementMatchers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An application with its own, other versions of the libraries the agent uses inside:
 * OpenTelemetry API + SDK, Byte Buddy, JNA, SLF4J. Under the agent each must still work as if
 * the agent were not there. Inside the pipeline root {@code conflict} (stage
 * {@code conflict.main}) it checks each library and prints {@code OK <lib>} or
 * {@code FAIL <lib> <why>}, {@code LOADED <lib> <jar>} for where each library came from,
 * {@code GlobalOpenTelemetry=<class>}, and {@code DONE}; exit 1 when a check failed.
 */
public final class ConflictingDepsApp {

  /** The name of the span the app's own SDK creates; it must never reach the agent's exporter. */
  public static final String APP_SPAN = "conflicting-app-own-span";

  private static final Logger LOG = LoggerFactory.getLogger(ConflictingDepsApp.class);
  private static int failures;

  private ConflictingDepsApp() {}

  public static void main(String[] args) throws InterruptedException {
    runChecks();
    // long enough for the agent's resource sampler (its own JNA, in its own loader) to load
    // and tick beside the app's JNA
    Thread.sleep(1500);
    System.out.println("DONE");
    System.out.flush();
    if (failures > 0) {
      System.exit(1);
    }
  }

  @Monitored(value = "conflict.main", pipeline = "conflict", mode = Mode.SPAN)
  static void runChecks() {
    check("otel", ConflictingDepsApp::otel);
    check("bytebuddy", ConflictingDepsApp::byteBuddy);
    check("jna", ConflictingDepsApp::jna);
    check("slf4j", ConflictingDepsApp::slf4j);
    loaded("otel-api", OpenTelemetry.class);
    loaded("otel-sdk", OpenTelemetrySdk.class);
    loaded("bytebuddy", ByteBuddy.class);
    loaded("jna", Native.class);
    loaded("slf4j", LoggerFactory.class);
  }

  @Monitored(value = "conflict.otel", mode = Mode.SPAN)
  static void otel() {
    List<SpanData> exported = new CopyOnWriteArrayList<>();
    SpanExporter exporter = new SpanExporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> spans) {
        exported.addAll(spans);
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
      }
    };
    OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build())
        // Throws if anything (the agent) set this application's global before.
        .buildAndRegisterGlobal();
    System.out.println("GlobalOpenTelemetry=" + GlobalOpenTelemetry.get().getClass().getName());
    Span span = GlobalOpenTelemetry.getTracer("conflicting-app").spanBuilder(APP_SPAN)
        .startSpan();
    try (Scope ignored = span.makeCurrent()) {
      if (!Span.current().getSpanContext().equals(span.getSpanContext())) {
        throw new IllegalStateException("own span is not current inside its scope");
      }
    } finally {
      span.end();
    }
    sdk.getSdkTracerProvider().forceFlush().join(5, java.util.concurrent.TimeUnit.SECONDS);
    if (exported.size() != 1 || !exported.get(0).getName().equals(APP_SPAN)) {
      throw new IllegalStateException("own exporter got " + exported);
    }
    sdk.close();
  }

  @Monitored(value = "conflict.bytebuddy", mode = Mode.SPAN)
  static void byteBuddy() throws Exception {
    Class<?> type = new ByteBuddy(ClassFileVersion.JAVA_V8)
        .subclass(Object.class)
        .method(ElementMatchers.named("toString"))
        .intercept(FixedValue.value("made by the app's byte buddy"))
        .make()
        .load(ConflictingDepsApp.class.getClassLoader(), ClassLoadingStrategy.Default.WRAPPER)
        .getLoaded();
    String s = type.getDeclaredConstructor().newInstance().toString();
    if (!s.equals("made by the app's byte buddy")) {
      throw new IllegalStateException("generated toString() returned " + s);
    }
  }

  /** libc, through the app's JNA. */
  public interface CLib extends Library {
    int getpid();
  }

  @Monitored(value = "conflict.jna", mode = Mode.SPAN)
  static void jna() {
    CLib libc = Native.load("c", CLib.class);
    long viaJna = libc.getpid();
    long viaJdk = ProcessHandle.current().pid();
    if (viaJna != viaJdk) {
      throw new IllegalStateException("getpid() via JNA " + viaJna + " != " + viaJdk);
    }
  }

  @Monitored(value = "conflict.slf4j", mode = Mode.SPAN)
  static void slf4j() {
    String factory = LoggerFactory.getILoggerFactory().getClass().getName();
    if (!factory.equals("org.slf4j.simple.SimpleLoggerFactory")) {
      throw new IllegalStateException("SLF4J bound to " + factory);
    }
    LOG.info("hello from the app's slf4j");
  }

  private interface Check {
    void run() throws Exception;
  }

  private static void check(String name, Check check) {
    try {
      check.run();
      System.out.println("OK " + name);
    } catch (Throwable t) {
      failures++;
      System.out.println("FAIL " + name + " " + t);
      t.printStackTrace(System.out);
    }
  }

  private static void loaded(String lib, Class<?> type) {
    String where;
    try {
      String path = type.getProtectionDomain().getCodeSource().getLocation().getPath();
      where = path.substring(path.lastIndexOf('/') + 1);
    } catch (RuntimeException e) {
      where = "unknown(" + e + ")";
    }
    System.out.println("LOADED " + lib + " " + where + " by "
        + (type.getClassLoader() == null ? "bootstrap" : type.getClassLoader().getClass()
        .getName()));
  }
}
