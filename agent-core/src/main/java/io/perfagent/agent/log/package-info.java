/** The agent's one-line, say-it-once messages on stderr. Not an API. */
package io.perfagent.agent.log;
