/**
 * {@code web.browse}: headless Chromium driven over the DevTools protocol behind the SSRF guard.
 */
package dev.olympus.tools.internal.browser;
