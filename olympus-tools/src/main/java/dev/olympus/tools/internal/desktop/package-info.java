/** {@code desktop.open}: opening a checked file or URL in the desktop's default application. */
package dev.olympus.tools.internal.desktop;
