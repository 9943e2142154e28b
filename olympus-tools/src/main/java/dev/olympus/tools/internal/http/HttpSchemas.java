package dev.olympus.tools.internal.http;

/** Input schemas of the HTTP tools. */
final class HttpSchemas {
  static final String GET =
      """
      {"type":"object","additionalProperties":false,"required":["url"],"properties":{
        "url":{"type":"string","minLength":1,"maxLength":8192,"pattern":"^[hH][tT][tT][pP][sS]?://",
          "description":"Absolute http or https URL to fetch"}}}
      """;
  static final String POST =
      """
      {"type":"object","additionalProperties":false,"required":["url","body"],"properties":{
        "url":{"type":"string","minLength":1,"maxLength":8192,"pattern":"^[hH][tT][tT][pP][sS]?://",
          "description":"Absolute http or https URL to send to"},
        "body":{"type":"string","description":"Request body"},
        "contentType":{"type":"string","default":"application/json","pattern":"^[ -~]*$",
          "description":"Content-Type of the body"}}}
      """;

  private HttpSchemas() {}
}
