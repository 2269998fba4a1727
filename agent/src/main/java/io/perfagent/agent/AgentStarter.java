package io.perfagent.agent;

import io.perfagent.agent.config.AgentConfig;
import io.perfagent.agent.log.AgentLog;
import io.perfagent.agent.rules.StageRule;
import io.perfagent.agent.rules.StageRules;
import io.perfagent.agent.weave.Weaver;
import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Starts the agent once the bootstrap classes are reachable. Only what must precede the
 * application's {@code main} runs on the premain thread: the configuration, the measurement
 * settings and weaving. The collector, samplers, export and report start on a background
 * thread, so the application does not wait for them; stages it runs meanwhile wait in their
 * threads' buffers. The exit hook waits for that thread before it flushes.
 */
final class AgentStarter {

  private AgentStarter() {}

  static void start(String args, Instrumentation inst, boolean late) {
    long startNanos = System.nanoTime();
    Properties system = System.getProperties();
    Map<String, String> env = System.getenv();
    AgentConfig config = AgentConfig.load(args, system, env);
    AgentLog.setDebug(config.get(AgentConfig.DEBUG));
    config.report();

    config.applyToMeasurement();
    List<StageRule> rules = StageRules.read(config.get(AgentConfig.STAGES),
        config.get(AgentConfig.STAGES_FILE));
    Weaver.install(inst, late, rules);
    AgentLog.debug("weaving installed " + (System.nanoTime() - startNanos) / 1_000_000
        + " ms after the agent started");

    AgentServices services = new AgentServices(config, startNanos, system, env);
    Thread starter = new Thread(services, "perf-agent-start");
    starter.setDaemon(true);
    starter.start();
    Runtime.getRuntime().addShutdownHook(new ExitHook(starter, services,
        config.get(AgentConfig.FLUSH_TIMEOUT).toMillis()));
    if (late) {
      AgentLog.info("attached (perf-agent " + AgentPremain.version() + ")"
          + (rules.isEmpty() ? "" : " with " + rules.size() + " stage rule"
              + (rules.size() == 1 ? "" : "s")));
    }
  }

  /**
   * A later attach to a JVM whose agent is running: its stage rules ({@code stages},
   * {@code stages.file} in the attach options; nothing else is read) join those in force and
   * the loaded classes they name are woven. False when the options name no rule: the caller
   * then says the second start is ignored.
   */
  static boolean addRules(String args) {
    AgentConfig config = AgentConfig.load(args, new Properties(), Map.of());
    String stages = config.get(AgentConfig.STAGES);
    String file = config.get(AgentConfig.STAGES_FILE);
    if (stages.isBlank() && file.isBlank()) {
      return false;
    }
    List<StageRule> rules = StageRules.read(stages, file);
    int classes = Weaver.addRules(rules);
    AgentLog.info("already active in this JVM: added " + rules.size() + " stage rule"
        + (rules.size() == 1 ? "" : "s") + " (" + Math.max(0, classes) + " loaded class"
        + (classes == 1 ? "" : "es") + " woven again); the attach's other keys are ignored");
    return true;
  }

  /** The stage rules in force and what each wove so far, as the exit lines say them. */
  static List<String> stageRuleLines() {
    List<String> lines = io.perfagent.agent.weave.Weaver.ruleMatches().describe();
    return lines.isEmpty() ? List.of("no stage rules in force") : lines;
  }

  /** Waits (bounded) for the services to have started, then flushes and summarises them. */
  private static final class ExitHook extends Thread {
    private final Thread starter;
    private final AgentServices services;
    private final long waitMillis;

    ExitHook(Thread starter, AgentServices services, long waitMillis) {
      super("perf-agent-shutdown");
      this.starter = starter;
      this.services = services;
      this.waitMillis = waitMillis;
    }

    @Override
    public void run() {
      try {
        starter.join(Math.max(1, waitMillis));
        if (starter.isAlive()) {
          // its fields are not safely readable yet; say so rather than flush half of them
          AgentLog.info("the agent was still starting its collector and export at exit; "
              + "nothing was flushed or reported");
          return;
        }
        services.exit();
      } catch (Throwable t) {
        AgentLog.failure("exit", "could not finish at exit", t);
      }
    }
  }
}
