/** {@code code.run}: processes with limits, bubblewrap isolation and tree kill. */
package dev.olympus.tools.internal.code;
