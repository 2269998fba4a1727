package io.perfagent.agent.weave;

import net.bytebuddy.agent.builder.AgentBuilder;

/** One woven type (or family of types): where it matches and what it weaves. */
interface Instrumentation {

  AgentBuilder extend(AgentBuilder builder);
}
