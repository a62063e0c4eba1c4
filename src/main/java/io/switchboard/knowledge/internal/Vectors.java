package io.switchboard.knowledge.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Vectors at rest: little-endian float32, 4 bytes per dimension. */
final class Vectors {

    private Vectors() {}

    static byte[] toBytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    static float[] fromBytes(byte[] bytes) {
        float[] vector = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }
}
