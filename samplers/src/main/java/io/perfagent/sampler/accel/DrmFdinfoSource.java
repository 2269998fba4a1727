package io.perfagent.sampler.accel;

import io.perfagent.bootstrap.resource.ResourceSource;
import io.perfagent.bootstrap.resource.ResourceWriter;
import io.perfagent.sampler.procfs.SmallFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Source {@code drm-fdinfo}: how busy this process keeps each GPU/NPU engine, from the DRM
 * usage stats in {@code <procfs>/self/fdinfo/<fd>}. Busy time is summed per (driver, pdev,
 * engine) over distinct DRM clients (fds sharing a {@code drm-client-id} are one client).
 *
 * <p>Cost: reading one fdinfo is an open, a read and a close, so only fds known to be DRM are
 * read each tick. The full directory is walked every {@link #RESCAN_EVERY} ticks while DRM fds are
 * held; while none is, the gap doubles after each empty walk, up to {@link #MAX_RESCAN_EVERY}. In
 * a walk a readlink of {@code <procfs>/self/fd/<n>} (one syscall) rules out the non-device fds
 * before any fdinfo is opened. A DRM fd opened between walks is seen at the next one.
 */
final class DrmFdinfoSource implements ResourceSource {

  static final int RESCAN_EVERY = 10;
  /** A process that holds no DRM fd is walked less and less often, down to this. */
  static final int MAX_RESCAN_EVERY = 160;

  private static final byte[] DRM_DRIVER = SmallFile.ascii("drm-driver:");

  /** One engine of one device: what is written. */
  private static final class Engine {
    final String[] attributes;
    int capacity;
    long totalNanos;
    long intervalNanos;
    boolean hasDelta;
    boolean broken;
    long seenTick = -1;

    Engine(String driver, String pdev, String engine) {
      attributes =
          new String[] {"perf.drm.driver", driver, "perf.drm.pdev", pdev, "perf.drm.engine", engine};
    }
  }

  /** One engine as one client saw it at its last reading. */
  private static final class ClientEngine {
    long busyNanos;
    long seenTick;

    ClientEngine(long busyNanos, long seenTick) {
      this.busyNanos = busyNanos;
      this.seenTick = seenTick;
    }
  }

  private final Path fdinfoDir;
  private final Path fdDir;
  private final boolean fdLinksReadable;
  private final LongSupplier nanoClock;
  private final SmallFile file = new SmallFile(16 * 1024);

  private Path[] drmFiles = new Path[0];
  private final Map<String, Engine> engines = new HashMap<>();
  private final Map<String, ClientEngine> clients = new HashMap<>();
  /** The clients read this tick; kept and cleared rather than made anew each tick. */
  private final Set<String> seenClients = new HashSet<>();
  private long tick;
  private long nextScan;
  private int scanEvery = RESCAN_EVERY;
  private long lastWall;
  private boolean haveWall;
  private int fdinfoReads;

  DrmFdinfoSource(Path procfs, LongSupplier nanoClock) {
    this.fdinfoDir = procfs.resolve("self/fdinfo");
    this.fdDir = procfs.resolve("self/fd");
    this.fdLinksReadable = Files.isDirectory(fdDir);
    this.nanoClock = nanoClock;
  }

  @Override
  public String name() {
    return "drm-fdinfo";
  }

  @Override
  public void sample(ResourceWriter out) {
    long t = tick++;
    if (t >= nextScan) {
      rescan();
      // nothing found: most processes never open a GPU, so back off (each walk costs ~5 µs
      // per fd); once one is found, walk at the base rate to see new ones soon
      scanEvery = drmFiles.length == 0 ? Math.min(MAX_RESCAN_EVERY, scanEvery * 2)
          : RESCAN_EVERY;
      nextScan = t + scanEvery;
    }
    long now = nanoClock.getAsLong();
    long wall = haveWall ? now - lastWall : -1;
    lastWall = now;
    haveWall = true;

    seenClients.clear();
    int kept = 0;
    for (Path f : drmFiles) {
      DrmFdinfo info = readDrm(f);
      if (info == null) {
        continue; // closed, or the number now belongs to another file: forget it
      }
      drmFiles[kept++] = f;
      String client = info.driver() + '\0' + info.pdev() + '\0' + info.clientId();
      if (!seenClients.add(client)) {
        continue;
      }
      for (int i = 0; i < info.engines().size(); i++) {
        account(t, client, info, i);
      }
    }
    if (kept < drmFiles.length) {
      drmFiles = Arrays.copyOf(drmFiles, kept);
    }
    clients.values().removeIf(c -> c.seenTick != t);

    for (Engine e : engines.values()) {
      if (e.seenTick != t) {
        continue;
      }
      out.counter("perf.process.accelerator.busy.time", "s", e.totalNanos / 1e9, e.attributes);
      if (e.hasDelta && !e.broken && wall > 0) {
        // capacity > 1: the busy time is summed over that many engine instances
        double u = (double) e.intervalNanos / wall / Math.max(1, e.capacity);
        out.gauge("perf.process.accelerator.utilization", "1", u, e.attributes);
      }
      e.intervalNanos = 0;
      e.hasDelta = false;
      e.broken = false;
    }
  }

  private void account(long t, String client, DrmFdinfo info, int i) {
    String name = info.engines().get(i);
    long busy = info.busyNanos()[i];
    Engine e =
        engines.computeIfAbsent(
            info.driver() + '\0' + info.pdev() + '\0' + name,
            k -> new Engine(info.driver(), info.pdev(), name));
    e.seenTick = t;
    if (info.capacity()[i] > 0) {
      e.capacity = info.capacity()[i];
    }
    ClientEngine c = clients.get(client + '\0' + name);
    if (c == null) {
      // a client first seen: its time so far counts toward the total, not toward this interval
      clients.put(client + '\0' + name, new ClientEngine(busy, t));
      e.totalNanos += busy;
      return;
    }
    if (busy >= c.busyNanos) {
      e.totalNanos += busy - c.busyNanos;
      e.intervalNanos += busy - c.busyNanos;
      e.hasDelta = true;
    } else {
      e.broken = true; // went back: this interval is unknown; the new value is the base
    }
    c.busyNanos = busy;
    c.seenTick = t;
  }

  private DrmFdinfo readDrm(Path fdinfo) {
    fdinfoReads++;
    return file.load(fdinfo) && file.length() > 0
        ? DrmFdinfo.parse(file.buffer(), file.length())
        : null;
  }

  private void rescan() {
    // File.list reads the directory in one native loop into Strings; a DirectoryStream makes
    // a Path per entry, which was most of a walk's cost with a few hundred fds.
    String[] names = fdinfoDir.toFile().list();
    if (names == null) {
      return; // keep the fds we knew
    }
    Path[] found = new Path[4];
    int n = 0;
    for (String fd : names) {
      if (!maybeDevice(fd)) {
        continue;
      }
      Path p = fdinfoDir.resolve(fd);
      fdinfoReads++;
      if (file.load(p) && file.contains(DRM_DRIVER)) {
        if (n == found.length) {
          found = Arrays.copyOf(found, n * 2);
        }
        found[n++] = p;
      }
    }
    drmFiles = Arrays.copyOf(found, n);
  }

  /** False only when the fd's link shows it is not a device node DRM could own. */
  private boolean maybeDevice(String fd) {
    if (!fdLinksReadable) {
      return true;
    }
    try {
      String target = Files.readSymbolicLink(fdDir.resolve(fd)).toString();
      return target.startsWith("/dev/dri/") || target.startsWith("/dev/accel/");
    } catch (IOException | RuntimeException e) {
      return true; // unreadable link: let the fdinfo decide
    }
  }

  /** fdinfo files opened so far, for tests and cost checks. */
  int fdinfoReads() {
    return fdinfoReads;
  }
}
