package android.app.usage;

/** A stream of usage events (apps moved to the foreground, …), read one event at a time. */
public final class UsageEvents {
    /** One usage event: which app (and activity) did what, when. */
    public static final class Event {
        public static final int NONE = 0;
        public static final int ACTIVITY_RESUMED = 1;
        public static final int ACTIVITY_PAUSED = 2;

        String mPackage;
        String mClass;
        long mTimeStamp;
        int mEventType;

        public String getPackageName() {
            return mPackage;
        }

        public String getClassName() {
            return mClass;
        }

        public long getTimeStamp() {
            return mTimeStamp;
        }

        public int getEventType() {
            return mEventType;
        }
    }

    /** @hide on Android: the empty stream the manager answers without usage access. */
    public UsageEvents() {
    }

    public boolean hasNextEvent() {
        return false;
    }

    public boolean getNextEvent(Event eventOut) {
        return false;
    }
}
