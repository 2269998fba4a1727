/**
 * The JVM's own view of itself, from the platform MXBeans in {@link
 * java.lang.management.ManagementFactory}: memory pools, thread states, loaded classes, recent
 * process CPU, JIT and GC totals, and stop-the-world GC pauses from the garbage collectors'
 * JMX notifications ({@code com.sun.management.GarbageCollectionNotificationInfo}), buffered in
 * a bounded queue by the JDK's notification thread and written by the sampler thread.
 */
package io.perfagent.sampler.jvm;
