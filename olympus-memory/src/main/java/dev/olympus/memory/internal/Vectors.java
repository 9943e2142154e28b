package dev.olympus.memory.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Vectors as float32 little-endian BLOBs. */
public final class Vectors {
  private Vectors() {}

  /** {@code vector} as a BLOB. */
  public static byte[] toBlob(float[] vector) {
    ByteBuffer buffer = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asFloatBuffer().put(vector);
    return buffer.array();
  }

  /** The vector in {@code blob}. */
  public static float[] fromBlob(byte[] blob) {
    float[] vector = new float[blob.length / 4];
    ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
    return vector;
  }
}
