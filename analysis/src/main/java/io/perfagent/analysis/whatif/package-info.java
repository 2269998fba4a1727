/**
 * What-if speedups: the predicted wall time of a run if one stage's own time were divided by
 * a factor, found by replaying the run's dependency structure rather than by subtracting.
 *
 * <p>The replay ({@link io.perfagent.analysis.whatif.Replay}) rebuilds each span's duration
 * bottom-up from its sanitized children (the same tree as the critical path):
 * <ol>
 *   <li>A child's <em>predecessor</em> is the sibling that ended last at or before the child's
 *       original start; the child is taken to have waited for it. A child without one waited
 *       for the parent's start.
 *   <li>The child starts at its predecessor's new end plus the original gap between them. The
 *       gap is the parent's own time, so it shrinks when the parent is the stage being sped up.
 *   <li>The parent ends after its last child to end (a join waits for its slowest branch),
 *       plus the original tail after its originally last-ending child.
 *   <li>A span without children lasts its own time. The stage's own time is divided by the
 *       factor; folded per-record children in the parent's gaps shrink in proportion to their
 *       share of the gaps when they are the stage sped up.
 * </ol>
 * With nothing sped up the replay reproduces every span exactly. Consequences, all tested:
 * sequential work shifts earlier by what an earlier sibling saves; speeding a stage off the
 * critical path buys nothing; speeding one branch of a fan-out buys only down to the next
 * slowest branch. Limit: a parent's own work done while children run on other threads is
 * treated as a tail after them, so speeding such a parent is credited as if it were serial.
 */
package io.perfagent.analysis.whatif;
