package dev.olympus.tools.internal.consent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.tools.ConsentGrants.Grant;
import dev.olympus.tools.Resource;
import dev.olympus.tools.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The versioned JSON form of the standing consent grants. */
public final class GrantsJson {
  private static final int VERSION = 1;

  private GrantsJson() {}

  /** Writes {@code grants}. */
  public static String write(List<Grant> grants) {
    ObjectNode root = Json.object().put("version", VERSION);
    ArrayNode array = root.putArray("grants");
    for (Grant grant : grants) {
      ObjectNode node = array.addObject().put("scope", grant.scope());
      grant
          .within()
          .ifPresent(r -> node.put(r.kind() == Resource.Kind.PATH ? "path" : "host", r.value()));
    }
    return root.toString();
  }

  /** Reads grants, throwing {@link IllegalArgumentException} naming what is wrong. */
  public static List<Grant> read(String json) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("consent grants are not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject() || root.path("version").asInt() != VERSION) {
      throw new IllegalArgumentException("consent grants must be an object with version 1");
    }
    JsonNode grants = root.path("grants");
    if (!grants.isArray()) {
      throw new IllegalArgumentException("consent grants: 'grants' must be an array");
    }
    List<Grant> result = new ArrayList<>();
    for (int i = 0; i < grants.size(); i++) {
      result.add(grant(grants.get(i), i));
    }
    return result;
  }

  private static Grant grant(JsonNode node, int index) {
    JsonNode scope = node.path("scope");
    JsonNode path = node.path("path");
    JsonNode host = node.path("host");
    if (!scope.isTextual() || (path.isTextual() && host.isTextual())) {
      throw new IllegalArgumentException(
          "grants[" + index + "] needs a text 'scope' and at most one of 'path' and 'host'");
    }
    Optional<Resource> within =
        path.isTextual()
            ? Optional.of(Resource.path(path.asText()))
            : host.isTextual() ? Optional.of(Resource.host(host.asText())) : Optional.empty();
    try {
      return new Grant(scope.asText(), within);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("grants[" + index + "]: " + e.getMessage(), e);
    }
  }
}
