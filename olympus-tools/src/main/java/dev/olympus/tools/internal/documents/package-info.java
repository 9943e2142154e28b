/**
 * Document loading: PDF, HTML, Markdown and text extraction within limits, and {@code doc.read}.
 */
package dev.olympus.tools.internal.documents;
