package android.os;

public final class Looper {
    private static final ThreadLocal<Looper> THREAD_LOOPER = new ThreadLocal<>();
    private static volatile Looper mainLooper;

    final MessageQueue mQueue;
    final Thread mThread;

    private Looper(boolean quitAllowed) {
        mQueue = new MessageQueue(quitAllowed);
        mThread = Thread.currentThread();
    }

    public static void prepare() {
        prepare(true);
    }

    private static void prepare(boolean quitAllowed) {
        if (THREAD_LOOPER.get() != null) {
            throw new RuntimeException("Only one Looper may be created per thread");
        }
        THREAD_LOOPER.set(new Looper(quitAllowed));
    }

    public static void prepareMainLooper() {
        prepare(false);
        synchronized (Looper.class) {
            if (mainLooper != null) {
                throw new IllegalStateException("The main Looper has already been prepared.");
            }
            mainLooper = myLooper();
        }
    }

    public static Looper getMainLooper() {
        return mainLooper;
    }

    public static Looper myLooper() {
        return THREAD_LOOPER.get();
    }

    public static MessageQueue myQueue() {
        Looper looper = myLooper();
        if (looper == null) {
            throw new IllegalStateException("myQueue() called on a thread that has no Looper");
        }
        return looper.mQueue;
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

    public boolean isCurrentThread() {
        return Thread.currentThread() == mThread;
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

    public MessageQueue getQueue() {
        return mQueue;
    }

    @Override
    public String toString() {
        return "Looper (" + mThread.getName() + ", tid " + mThread.getId() + ") {"
                + Integer.toHexString(System.identityHashCode(this)) + "}";
    }
}
