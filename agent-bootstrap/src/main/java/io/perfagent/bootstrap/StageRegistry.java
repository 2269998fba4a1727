package io.perfagent.bootstrap;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Interns stages and pipeline names into small integer ids, so woven code and records carry
 * an {@code int} instead of strings. Registration happens at weave time (or once per block
 * name), never per call; lookups by id are a plain array read.
 */
public final class StageRegistry {

  private static final Object LOCK = new Object();
  private static volatile StageInfo[] stages = new StageInfo[64];
  private static int stageCount;
  private static volatile String[] pipelines = new String[16];
  private static int pipelineCount;
  private static final ConcurrentHashMap<String, Integer> STAGE_KEYS = new ConcurrentHashMap<>();
  private static final ConcurrentHashMap<String, Integer> PIPELINE_IDS = new ConcurrentHashMap<>();
  private static final ConcurrentHashMap<String, Integer> BLOCK_IDS = new ConcurrentHashMap<>();

  private StageRegistry() {}

  /**
   * Registers a woven method's stage, or returns the id it already has (a class woven twice,
   * or woven again in another class loader, keeps one stage).
   */
  public static int register(String name, String pipeline, int mode, String codeFunction) {
    String key = codeFunction + '\u0000' + name + '\u0000' + pipeline + '\u0000' + mode;
    Integer known = STAGE_KEYS.get(key);
    if (known != null) {
      return known;
    }
    synchronized (LOCK) {
      known = STAGE_KEYS.get(key);
      if (known != null) {
        return known;
      }
      int id = add(name, pipeline, mode, codeFunction, false);
      STAGE_KEYS.put(key, id);
      return id;
    }
  }

  /**
   * A {@code @Monitored} method's stage name: the annotation's {@code value}, or
   * {@code SimpleClassName.method} when it is empty (both agents name stages so).
   */
  public static String methodStageName(String value, String simpleClassName, String method) {
    return value.isEmpty() ? simpleClassName + "." + method : value;
  }

  /** The stage of a {@code Perf.stage(name)} block, registered on first use. */
  public static int block(String name) {
    Integer id = BLOCK_IDS.get(name);
    if (id != null) {
      return id;
    }
    synchronized (LOCK) {
      id = BLOCK_IDS.get(name);
      if (id == null) {
        id = add(name, "", StageInfo.MODE_AUTO, "io.perfagent.Perf.stage", true);
        BLOCK_IDS.put(name, id);
      }
      return id;
    }
  }

  /** The name of the root span of a streaming window (see {@link #windowStage}). */
  public static final String WINDOW_STAGE = "stream window";
  private static final String WINDOW_FUNCTION = "io.perfagent.stream.window";
  private static final ConcurrentHashMap<Integer, Integer> WINDOW_IDS = new ConcurrentHashMap<>();

  private static int add(String name, String pipeline, int mode, String codeFunction,
      boolean block) {
    int id = stageCount++;
    String pipelineName = pipeline.isEmpty() ? name : pipeline;
    int rootPipeline = pipelineId(pipelineName);
    StageInfo[] current = stages;
    if (id >= current.length) {
      current = Arrays.copyOf(current, current.length * 2);
    }
    StageInfo info = new StageInfo(id, name, pipeline, rootPipeline, mode, codeFunction, block);
    current[id] = info;
    stages = current;
    if (mode != StageInfo.MODE_SPAN) {
      // registered now, under the lock, not by the thread whose window first needs it
      info.windowStageId = WINDOW_IDS.computeIfAbsent(rootPipeline,
          k -> add(WINDOW_STAGE, pipelineName, StageInfo.MODE_SPAN, WINDOW_FUNCTION, false));
    }
    return id;
  }


  /** How many stages are registered; ids run from 0 below it. */
  public static int count() {
    synchronized (LOCK) {
      return stageCount;
    }
  }

  /** Interns a pipeline name. */
  public static int pipelineId(String name) {
    Integer id = PIPELINE_IDS.get(name);
    if (id != null) {
      return id;
    }
    synchronized (LOCK) {
      id = PIPELINE_IDS.get(name);
      if (id == null) {
        id = pipelineCount++;
        String[] current = pipelines;
        if (id >= current.length) {
          current = Arrays.copyOf(current, current.length * 2);
        }
        current[id] = name;
        pipelines = current;
        PIPELINE_IDS.put(name, id);
      }
      return id;
    }
  }

  public static StageInfo stage(int id) {
    return stages[id];
  }

  public static String pipeline(int id) {
    String[] current = pipelines;
    return id >= 0 && id < current.length && current[id] != null ? current[id] : "";
  }
}
