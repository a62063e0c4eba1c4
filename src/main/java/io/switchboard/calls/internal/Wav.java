package io.switchboard.calls.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A tiny mono 8 kHz 8-bit PCM WAV: a soft tone, for simulated recordings. */
final class Wav {

    private Wav() {}

    static byte[] tone(int seconds) {
        int rate = 8000;
        int samples = rate * seconds;
        ByteBuffer b = ByteBuffer.allocate(44 + samples).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + samples).put("WAVE".getBytes());
        b.put("fmt ".getBytes())
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) 1)
                .putInt(rate)
                .putInt(rate)
                .putShort((short) 1)
                .putShort((short) 8);
        b.put("data".getBytes()).putInt(samples);
        for (int i = 0; i < samples; i++) {
            // a 440 Hz tone that pauses every other half second, like turns of speech
            boolean speaking = (i / (rate / 2)) % 2 == 0;
            double v = speaking ? Math.sin(2 * Math.PI * 440 * i / rate) * 20 : 0;
            b.put((byte) (128 + (int) v));
        }
        return b.array();
    }
}
