/** JSON Schema: validation of tool inputs and schemas generated from records. */
package dev.olympus.tools.internal.schema;
