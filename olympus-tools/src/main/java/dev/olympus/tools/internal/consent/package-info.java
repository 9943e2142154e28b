/**
 * The consent gate: input checks before asking, grants, asking threads and the JSON form of
 * standing grants.
 */
package dev.olympus.tools.internal.consent;
