package io.perfagent.analyzer.store;

import io.perfagent.analysis.path.CriticalPathSegment;
import java.util.ArrayList;
import java.util.List;

/** A run's critical path as stored: one segment a line, {@code spanId TAB start TAB duration TAB stage}. */
final class CriticalPathText {

  private CriticalPathText() {}

  static String write(List<CriticalPathSegment> path) {
    StringBuilder b = new StringBuilder(path.size() * 48);
    for (CriticalPathSegment s : path) {
      b.append(s.spanId()).append('\t').append(s.startNanos()).append('\t')
          .append(s.durationNanos()).append('\t')
          .append(s.stage().replace('\t', ' ').replace('\n', ' ')).append('\n');
    }
    return b.toString();
  }

  static List<CriticalPathSegment> read(String text) {
    List<CriticalPathSegment> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    for (String line : text.split("\n")) {
      String[] f = line.split("\t", 4);
      if (f.length == 4) {
        out.add(new CriticalPathSegment(f[0], f[3], Long.parseLong(f[1]), Long.parseLong(f[2])));
      }
    }
    return out;
  }
}
