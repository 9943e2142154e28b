package dev.olympus.memory.internal.documents;

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
    return fromBlob(blob, new float[blob.length / 4]);
  }

  /** The vector in {@code blob}, read into {@code into} if it has the vector's length. */
  public static float[] fromBlob(byte[] blob, float[] into) {
    float[] vector = into.length == blob.length / 4 ? into : new float[blob.length / 4];
    ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
    return vector;
  }
}
