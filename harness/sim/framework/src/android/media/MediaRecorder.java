package android.media;

import com.privacyprobe.sim.Permissions;

/**
 * Audio/video recording. setAudioSource without RECORD_AUDIO fails in the native recorder with
 * RuntimeException("setAudioSource failed.") (frameworks/base/media/jni/android_media_MediaRecorder.cpp);
 * start() before prepare() throws IllegalStateException.
 */
public class MediaRecorder {
    public static final class AudioSource {
        public static final int DEFAULT = 0;
        public static final int MIC = 1;

        private AudioSource() {
        }
    }

    public static final class OutputFormat {
        public static final int DEFAULT = 0;
        public static final int THREE_GPP = 1;
        public static final int MPEG_4 = 2;

        private OutputFormat() {
        }
    }

    public static final class AudioEncoder {
        public static final int DEFAULT = 0;
        public static final int AMR_NB = 1;
        public static final int AAC = 3;

        private AudioEncoder() {
        }
    }

    private boolean mAudio;
    private boolean mPrepared;
    private boolean mRecording;

    public MediaRecorder() {
    }

    public void setAudioSource(int audioSource) {
        if (!Permissions.isGranted(Permissions.RECORD_AUDIO)) {
            throw new RuntimeException("setAudioSource failed.");
        }
        mAudio = true;
    }

    public void setOutputFormat(int outputFormat) {
    }

    public void setAudioEncoder(int audioEncoder) {
    }

    public void setOutputFile(String path) {
    }

    public void prepare() throws java.io.IOException {
        if (!mAudio) {
            throw new IllegalStateException("prepare failed: no source");
        }
        mPrepared = true;
    }

    public void start() {
        if (!mPrepared) {
            throw new IllegalStateException();
        }
        mRecording = true;
    }

    public void stop() {
        if (!mRecording) {
            throw new IllegalStateException();
        }
        mRecording = false;
    }

    public void release() {
    }
}
