/**
 * How an assistant's actions are declared, checked, consented to and run.
 *
 * <p>A {@link dev.olympus.tools.Tool} declares a {@link dev.olympus.tools.ToolSpec}; a {@link
 * dev.olympus.tools.ToolRegistry} holds tools, renders them for the LLM, validates inputs and runs
 * calls within rate limits and timeouts; a {@link dev.olympus.tools.ConsentGate} decides, with the
 * host's {@link dev.olympus.tools.ConsentProvider}, whether a call may run. {@link
 * dev.olympus.tools.FileTools} and {@link dev.olympus.tools.HttpTools} are the built-in tools.
 * Every failure is a {@link dev.olympus.tools.ToolException}.
 */
package dev.olympus.tools;
