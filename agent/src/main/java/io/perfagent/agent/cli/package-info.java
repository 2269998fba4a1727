/** {@code java -jar perf.jar}: attach, help, version. Not an API. */
package io.perfagent.agent.cli;
