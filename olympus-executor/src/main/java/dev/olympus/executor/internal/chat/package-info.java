/** Chat sessions: turns, the conversation log and window, tool calls made from chat. */
package dev.olympus.executor.internal.chat;
