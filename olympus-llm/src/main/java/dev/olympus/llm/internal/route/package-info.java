/**
 * The router: provider order and health, retries and breakers, the response cache, listeners and
 * tool grounding.
 */
package dev.olympus.llm.internal.route;
