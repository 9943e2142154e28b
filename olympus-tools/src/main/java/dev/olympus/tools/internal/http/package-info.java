/** The HTTP tools: the SSRF guard, pinned connections and fetching. */
package dev.olympus.tools.internal.http;
