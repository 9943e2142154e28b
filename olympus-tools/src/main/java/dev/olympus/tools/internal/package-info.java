/**
 * Implementation of the tools API, not exported. Shared here: argument checks, JSON, the base of
 * built-in tools, redaction and executable look-up; each job has its own subpackage.
 */
package dev.olympus.tools.internal;
