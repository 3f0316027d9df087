package android.media;

import com.privacyprobe.sim.Permissions;

/**
 * Raw microphone capture. Without RECORD_AUDIO the native recorder is not created: the object is
 * STATE_UNINITIALIZED and startRecording throws IllegalStateException
 * (frameworks/base/media/java/android/media/AudioRecord.java).
 */
public class AudioRecord {
    public static final int STATE_UNINITIALIZED = 0;
    public static final int STATE_INITIALIZED = 1;
    public static final int RECORDSTATE_STOPPED = 1;
    public static final int RECORDSTATE_RECORDING = 3;
    private final int mState;
    private int mRecordingState = RECORDSTATE_STOPPED;

    public AudioRecord(int audioSource, int sampleRateInHz, int channelConfig, int audioFormat, int bufferSizeInBytes) {
        mState = Permissions.isGranted(Permissions.RECORD_AUDIO) ? STATE_INITIALIZED : STATE_UNINITIALIZED;
    }

    public static int getMinBufferSize(int sampleRateInHz, int channelConfig, int audioFormat) {
        return 3584;
    }

    public int getState() {
        return mState;
    }

    public int getRecordingState() {
        return mRecordingState;
    }

    public void startRecording() {
        if (mState != STATE_INITIALIZED) {
            throw new IllegalStateException("startRecording() called on an uninitialized AudioRecord.");
        }
        mRecordingState = RECORDSTATE_RECORDING;
    }

    public int read(byte[] audioData, int offsetInBytes, int sizeInBytes) {
        if (mState != STATE_INITIALIZED) {
            return -3; // ERROR_INVALID_OPERATION
        }
        java.util.Arrays.fill(audioData, offsetInBytes, offsetInBytes + sizeInBytes, (byte) 0);
        return sizeInBytes;
    }

    public void stop() {
        if (mState != STATE_INITIALIZED) {
            throw new IllegalStateException("stop() called on an uninitialized AudioRecord.");
        }
        mRecordingState = RECORDSTATE_STOPPED;
    }

    public void release() {
    }
}
