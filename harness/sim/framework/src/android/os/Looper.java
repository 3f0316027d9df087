package android.os;

public final class Looper {
    private static final ThreadLocal<Looper> LOOPERS = new ThreadLocal<>();
    private static volatile Looper mainLooper;

    final MessageQueue mQueue = new MessageQueue();
    final Thread mThread;

    private Looper() {
        mThread = Thread.currentThread();
    }

    public static void prepare() {
        if (LOOPERS.get() != null) {
            throw new RuntimeException("Only one Looper may be created per thread");
        }
        LOOPERS.set(new Looper());
    }

    public static void prepareMainLooper() {
        prepare();
        synchronized (Looper.class) {
            if (mainLooper != null) {
                throw new IllegalStateException("The main Looper has already been prepared.");
            }
            mainLooper = LOOPERS.get();
        }
    }

    public static Looper getMainLooper() {
        return mainLooper;
    }

    public static Looper myLooper() {
        return LOOPERS.get();
    }

    public static MessageQueue myQueue() {
        Looper looper = myLooper();
        return looper == null ? null : looper.mQueue;
    }

    public static void loop() {
        Looper me = myLooper();
        if (me == null) {
            throw new RuntimeException("No Looper; Looper.prepare() wasn't called on this thread.");
        }
        while (true) {
            Message msg = me.mQueue.next();
            if (msg == null) {
                return;
            }
            msg.target.dispatchMessage(msg);
        }
    }

    public void quit() {
        mQueue.quit(false);
    }

    public void quitSafely() {
        mQueue.quit(true);
    }

    public Thread getThread() {
        return mThread;
    }

    public boolean isCurrentThread() {
        return Thread.currentThread() == mThread;
    }

    public MessageQueue getQueue() {
        return mQueue;
    }

    @Override
    public String toString() {
        return "Looper (" + mThread.getName() + ", tid " + mThread.getId() + ") {"
                + Integer.toHexString(System.identityHashCode(this)) + "}";
    }
}
