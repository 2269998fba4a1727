package io.perfagent.bootstrap;

/**
 * The folded calls of one stage under one parent: exact counts of every call; wall time,
 * CPU and allocation from a sample of timed calls (with a histogram and the slowest few kept
 * as exemplars), scaled to all calls with a stated error.
 *
 * <p>Single writer: the thread that owns the parent frame records into it; when the parent
 * ends the accumulator is handed whole to the drain thread through the ring, which reads it,
 * resets it and gives it back ({@link FoldPool#recycle}). Recording allocates nothing.
 */
public final class FoldAccumulator {

  static final int MAX_EXEMPLARS = 16;

  private static int exemplarCapacity() {
    return Math.max(0, Math.min(MAX_EXEMPLARS, AgentSettings.exemplars));
  }

  public int stageId;
  /**
   * The folded stage whose calls these ran within (a per-record stage calling another), or -1
   * when they ran directly under the parent span.
   */
  public int withinStageId = -1;
  /** Every call, exact. */
  public long calls;
  public long errors;
  public long records;
  public long bytes;
  /**
   * The timed calls (one in {@code fold.sample}) and their sums: wall, CPU and allocation of
   * all calls are estimated from them ({@link #estimate}).
   */
  public long timedCalls;
  public long timedWallNanos;
  public long timedCpuNanos;
  public long timedAllocBytes;
  public long maxNanos;
  public long minNanos = Long.MAX_VALUE;
  /**
   * Wall time of the frame the calls ran in (the parent span, or the task that carried its
   * context to this thread), set when it ends; 0 when not known.
   */
  public long windowNanos;
  /** When that frame began ({@code System.nanoTime()}), with {@link #windowNanos}. */
  public long windowStartNanos;
  /**
   * The thread's CPU time over that frame when it was a task (from the CPU sampler, so an
   * estimate), or -1: how busy the thread was while the calls ran.
   */
  public long windowCpuNanos = -1;
  /**
   * Calls of the same stage under the same parent that became spans before folding began
   * (AUTO): not in the figures above, which are the folded calls only, but part of the
   * parent's totals.
   */
  public long spanCalls;
  public long spanErrors;
  public long spanWallNanos;
  public long spanCpuNanos;
  public long spanAllocBytes;
  public long spanRecords;
  public long spanBytes;
  public final WallHistogram wall = WallHistogram.compact();

  /**
   * Exemplars: the slowest calls seen, unordered; {@code exemplarCount} are valid. Sized by
   * {@code fold.exemplars} (set before any stage runs), not the maximum: one accumulator is
   * made per parent when the pool runs dry.
   */
  public int exemplarCount;
  public final long[] exStart = new long[exemplarCapacity()];
  public final long[] exEnd = new long[exStart.length];
  public final long[] exCpu = new long[exStart.length];
  public final long[] exAlloc = new long[exStart.length];
  public final long[] exRecords = new long[exStart.length];
  public final long[] exBytes = new long[exStart.length];
  public final Throwable[] exError = new Throwable[exStart.length];

  /** True for the timer's own calibration: its timed calls keep the timer's cost. */
  boolean raw;

  /** The next spare in a chain of them, and the chain's length from here (ThreadState). */
  FoldAccumulator nextSpare;
  int chainLength;

  /** A frameless folded call (records and bytes were added as they were credited). */
  void countCall(Throwable error) {
    calls++;
    if (error != null) {
      errors++;
    }
  }

  /** Every folded call: exact counts. */
  void count(long recs, long byteCount, Throwable error) {
    calls++;
    records += recs;
    bytes += byteCount;
    if (error != null) {
      errors++;
    }
  }

  /**
   * A timed folded call: its measurements, the histogram, and the exemplar candidates. The
   * timer's own cost ({@link AgentSettings#timerOverheadNanos}, calibrated while the agent
   * runs) is taken out of the wall time: a call of 100 ns must not read as 150.
   */
  void time(long start, long end, long cpu, long alloc, long recs, long byteCount,
      Throwable error, int keepExemplars) {
    if (!raw) {
      end = Math.max(start, end - AgentSettings.timerOverheadNanos);
    }
    long wallNs = Math.max(0, end - start);
    timedCalls++;
    timedWallNanos += wallNs;
    if (cpu > 0) {
      timedCpuNanos += cpu;
    }
    if (alloc > 0) {
      timedAllocBytes += alloc;
    }
    if (wallNs > maxNanos) {
      maxNanos = wallNs;
    }
    if (wallNs < minNanos) {
      minNanos = wallNs;
    }
    wall.record(wallNs);
    keepExemplar(start, end, cpu, alloc, recs, byteCount, error,
        Math.min(keepExemplars, exStart.length));
  }

  /** A total over all calls estimated from the timed ones (exact when every call is timed). */
  public long estimate(long timedTotal) {
    if (timedCalls == 0) {
      return 0;
    }
    return timedCalls == calls ? timedTotal : Math.round((double) timedTotal * calls / timedCalls);
  }

  /**
   * CPU time of all folded calls, or -1 when not measured. Folded calls get CPU only from the
   * 10 ms sampler, and a timed call of tens of nanoseconds almost never contains a tick: one
   * in {@code fold.sample} of them scaled back up would be noise, so it is reported only when
   * every call was timed (where the sampler's estimate is unbiased over many calls), or as
   * the share of their task's sampled CPU when they ran in a task on a pool thread.
   */
  public long estimateCpu() {
    if (timedCalls > 0 && timedCalls >= calls) {
      return timedCpuNanos;
    }
    if (windowCpuNanos >= 0 && windowNanos > 0) {
      // the task's thread was this busy over the task: its folded calls were likewise
      double ratio = Math.min(1.0, (double) windowCpuNanos / windowNanos);
      return Math.round(estimateWall() * ratio);
    }
    return -1;
  }

  /**
   * The wall total of all calls, estimated from the timed ones (exact when every call was
   * timed). The untimed calls are taken to be like the timed ones without their outliers
   * (above ten times the p99, and at least 100 µs: a GC pause or a safepoint that happened
   * to land in a timed call). Outliers are counted once, as seen, not multiplied by the
   * sampling rate. With the calls that became spans, the result never exceeds the parent's
   * own wall time when that is known.
   */
  public long estimateWall() {
    if (timedCalls == 0) {
      return 0;
    }
    if (timedCalls >= calls) {
      return timedWallNanos;
    }
    Inliers in = inliers();
    double perUntimed = in.count == 0 ? 0 : in.share * timedWallNanos / in.count;
    double estimate = timedWallNanos + perUntimed * (calls - timedCalls);
    if (windowNanos > 0) {
      // the same stage's calls that became spans (AUTO) took their part of the window too
      estimate = Math.min(estimate, Math.max(0, windowNanos - spanWallNanos));
    }
    return Math.max(timedWallNanos, Math.round(estimate));
  }

  /**
   * Half-width of the 95 % confidence interval of {@link #estimateWall()}, in ns: the spread of
   * the timed inliers scaled to the untimed calls, with the finite-population correction;
   * 0 when every call was timed.
   */
  public long wallErrorNanos() {
    if (timedCalls >= calls) {
      return 0;
    }
    if (timedCalls < 2) { // no spread to read (most of a flood of short tasks' folds)
      return windowNanos > 0 ? windowNanos : 0;
    }
    Inliers in = inliers();
    if (in.count < 2) {
      return windowNanos > 0 ? windowNanos : 0;
    }
    double se = in.stdDev * (calls - timedCalls) / Math.sqrt(in.count)
        * Math.sqrt(1.0 - (double) timedCalls / calls);
    long error = Math.round(1.96 * se);
    return windowNanos > 0 ? Math.min(error, windowNanos) : error;
  }

  /** The timed calls below the outlier cutoff, from the histogram's buckets. */
  private Inliers inliers() {
    long cutoff = Math.max(10 * wall.percentile(99), 100_000L);
    double[] sums = new double[4]; // inlier sum, inlier count, inlier sum of squares, all
    wall.forEachBucket((value, count) -> {
      double v = value;
      sums[3] += v * count;
      if (value <= cutoff) {
        sums[0] += v * count;
        sums[1] += count;
        sums[2] += v * v * count;
      }
    });
    Inliers in = new Inliers();
    in.count = (long) sums[1];
    in.share = sums[3] == 0 ? 1 : sums[0] / sums[3];
    if (in.count > 0) {
      double mean = sums[0] / sums[1];
      in.stdDev = Math.sqrt(Math.max(0, sums[2] / sums[1] - mean * mean));
    }
    return in;
  }

  private static final class Inliers {
    long count;
    double share;
    double stdDev;
  }

  private void keepExemplar(long start, long end, long cpu, long alloc, long recs,
      long byteCount, Throwable error, int keep) {
    if (keep <= 0) {
      return;
    }
    int slot;
    if (exemplarCount < keep) {
      slot = exemplarCount++;
    } else {
      // replace the fastest kept exemplar if this call was slower; errors are always kept
      slot = -1;
      long fastest = Long.MAX_VALUE;
      for (int i = 0; i < exemplarCount; i++) {
        long w = exEnd[i] - exStart[i];
        if (w < fastest && exError[i] == null) {
          fastest = w;
          slot = i;
        }
      }
      if (slot < 0 || (end - start <= fastest && error == null)) {
        return;
      }
    }
    exStart[slot] = start;
    exEnd[slot] = end;
    exCpu[slot] = cpu;
    exAlloc[slot] = alloc;
    exRecords[slot] = recs;
    exBytes[slot] = byteCount;
    exError[slot] = error;
  }

  /*
   * A fold of counts alone (no timed call, no exemplar, no call that stayed a span: a short
   * task's few calls, a virtual thread's one) travels in its record's longs, not as the
   * accumulator: the thread keeps the accumulator, so one waiting for the drain thread holds
   * ~100 bytes of ring instead of ~1 KB. The fields a full fold record leaves unused carry it.
   */

  /** True when this fold is counts alone and fits a record (see {@link #writeCounts}). */
  boolean countsOnly() {
    return timedCalls == 0 && exemplarCount == 0 && spanCalls == 0 && !raw
        && errors <= Integer.MAX_VALUE;
  }

  /** Writes a counts-only fold into record {@code o} of {@code a} (header and ids aside). */
  void writeCounts(long[] a, int o) {
    a[o + RecordRing.SPAN_ID] = errors << 32 | (withinStageId & 0xFFFF_FFFFL);
    a[o + RecordRing.START] = windowStartNanos;
    a[o + RecordRing.END] = windowNanos;
    a[o + RecordRing.CPU] = windowCpuNanos;
    a[o + RecordRing.ALLOC] = calls;
    a[o + RecordRing.RECORDS] = records;
    a[o + RecordRing.BYTES] = bytes;
  }

  /** Drain thread: this accumulator, reset, becomes the counts-only fold of record {@code o}. */
  public FoldAccumulator readCounts(long[] a, int o) {
    reset();
    stageId = RecordRing.stageId(a[o + RecordRing.HEADER]);
    long packed = a[o + RecordRing.SPAN_ID];
    withinStageId = (int) packed;
    errors = packed >>> 32;
    windowStartNanos = a[o + RecordRing.START];
    windowNanos = a[o + RecordRing.END];
    windowCpuNanos = a[o + RecordRing.CPU];
    calls = a[o + RecordRing.ALLOC];
    records = a[o + RecordRing.RECORDS];
    bytes = a[o + RecordRing.BYTES];
    return this;
  }

  /** Clears everything for reuse (drain thread, after reading). */
  public void reset() {
    stageId = 0;
    withinStageId = -1;
    raw = false;
    calls = errors = records = bytes = 0;
    timedCalls = timedWallNanos = timedCpuNanos = timedAllocBytes = 0;
    windowNanos = windowStartNanos = 0;
    windowCpuNanos = -1;
    maxNanos = 0;
    minNanos = Long.MAX_VALUE;
    spanCalls = spanErrors = spanWallNanos = spanCpuNanos = spanAllocBytes = 0;
    spanRecords = spanBytes = 0;
    wall.reset();
    for (int i = 0; i < exemplarCount; i++) {
      exError[i] = null;
    }
    exemplarCount = 0;
  }
}
