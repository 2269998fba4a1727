package io.perfagent.agent.contention;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lock and wait events kept for the exit analysis, as primitives in arrays that start
 * small and double up to {@code capacity}; past it, events are dropped and counted. What was
 * waited on and the holder's name are interned: a run has few distinct ones.
 *
 * <p>Written by the JFR stream's thread, read at exit by the report's; both are agent threads,
 * never the application's, so one monitor guards it.
 */
public final class ContentionEvents {

  private static final int INITIAL = 256;

  private final int capacity;
  private final Map<String, Integer> ids = new HashMap<>();
  private final List<String> names = new ArrayList<>();
  private long[] thread = new long[INITIAL];
  private long[] start = new long[INITIAL];
  private long[] duration = new long[INITIAL];
  private long[] owner = new long[INITIAL];
  private int[] what = new int[INITIAL];
  private int[] ownerName = new int[INITIAL];
  private boolean[] lock = new boolean[INITIAL];
  private int size;
  private long dropped;

  public ContentionEvents(int capacity) {
    this.capacity = capacity;
  }

  /**
   * Keeps one event, or counts it as dropped when full.
   *
   * @param what e.g. {@code "monitor io.acme.Ledger"}
   * @param ownerThreadId the thread that held the monitor, -1 when the JVM did not say
   * @return false when dropped
   */
  public synchronized boolean add(long threadId, long startEpochNanos, long durationNanos,
      BlockerKind kind, String what, long ownerThreadId, String ownerThreadName) {
    if (size == capacity) {
      dropped++;
      return false;
    }
    if (size == thread.length) {
      grow(Math.min(capacity, size * 2));
    }
    thread[size] = threadId;
    start[size] = startEpochNanos;
    duration[size] = durationNanos;
    lock[size] = kind == BlockerKind.LOCK;
    this.what[size] = intern(what);
    owner[size] = ownerThreadId;
    ownerName[size] = intern(ownerThreadName == null ? "" : ownerThreadName);
    size++;
    return true;
  }

  private int intern(String s) {
    Integer id = ids.get(s);
    if (id == null) {
      id = names.size();
      names.add(s);
      ids.put(s, id);
    }
    return id;
  }

  private void grow(int n) {
    thread = Arrays.copyOf(thread, n);
    start = Arrays.copyOf(start, n);
    duration = Arrays.copyOf(duration, n);
    owner = Arrays.copyOf(owner, n);
    what = Arrays.copyOf(what, n);
    ownerName = Arrays.copyOf(ownerName, n);
    lock = Arrays.copyOf(lock, n);
  }

  public synchronized int size() {
    return size;
  }

  /** Events not kept because the buffer was full ({@code contention.max.events}). */
  public synchronized long dropped() {
    return dropped;
  }

  /** A copy of what is kept now, as event values, in arrival order. */
  public synchronized List<ContentionEvent> snapshot() {
    List<ContentionEvent> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(new ContentionEvent(thread[i], start[i], duration[i],
          lock[i] ? BlockerKind.LOCK : BlockerKind.WAIT, names.get(what[i]), owner[i],
          names.get(ownerName[i])));
    }
    return out;
  }
}
