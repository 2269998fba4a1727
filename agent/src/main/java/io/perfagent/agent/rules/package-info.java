/**
 * Stage rules: methods named in configuration ({@code stages}, {@code stages.file}) that are
 * woven as if they carried {@code @io.perfagent.Monitored}, for code the user cannot annotate
 * (a library, generated code, a JVM already running). This package reads and checks the rules
 * and keeps the record of what each one wove; matching class files against them is
 * {@code io.perfagent.agent.weave}'s job. Not an API.
 */
package io.perfagent.agent.rules;
