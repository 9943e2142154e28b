-- The store's vectors as PostgreSQL reals: chunks.embedding holds each vector as little-endian
-- float32 bytes; olympus_floats turns them into the real[] that pgvector casts to a vector. Exact
-- for every finite float (zero and subnormals included): each word's sign, exponent and mantissa
-- are rebuilt in double precision, where every float is exact, and rounded back to real losslessly.
-- Applied only when pgvector is set up (see pgvector.sql); tested against plain PostgreSQL.
CREATE OR REPLACE FUNCTION olympus_floats(bytes BYTEA) RETURNS REAL[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(
      (CASE WHEN (bits >> 31) = 1 THEN -1.0::float8 ELSE 1.0::float8 END)
      * (CASE WHEN ((bits >> 23) & 255) = 0
           THEN (bits & 8388607)::float8 * (2.0::float8 ^ (-149))
           ELSE (8388608 + (bits & 8388607))::float8 * (2.0::float8 ^ (((bits >> 23) & 255) - 150))
         END)
      ORDER BY i)::real[], '{}')
  FROM (SELECT i,
          get_byte(bytes, i)::bigint
          | (get_byte(bytes, i + 1)::bigint << 8)
          | (get_byte(bytes, i + 2)::bigint << 16)
          | (get_byte(bytes, i + 3)::bigint << 24) AS bits
        FROM generate_series(0, length(bytes) - 4, 4) AS i) AS words
$$;
