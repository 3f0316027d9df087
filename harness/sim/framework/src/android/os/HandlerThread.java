package android.os;

public class HandlerThread extends Thread {
    private final int priority;
    private Looper looper;

    public HandlerThread(String name) {
        this(name, Process.THREAD_PRIORITY_DEFAULT);
    }

    public HandlerThread(String name, int priority) {
        super(name);
        this.priority = priority;
    }

    protected void onLooperPrepared() {}

    @Override
    public void run() {
        Looper.prepare();
        synchronized (this) {
            looper = Looper.myLooper();
            notifyAll();
        }
        onLooperPrepared();
        Looper.loop();
    }

    public Looper getLooper() {
        if (!isAlive()) {
            return null;
        }
        synchronized (this) {
            while (isAlive() && looper == null) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
        return looper;
    }

    public boolean quit() {
        Looper l = getLooper();
        if (l == null) {
            return false;
        }
        l.quit();
        return true;
    }

    public boolean quitSafely() {
        Looper l = getLooper();
        if (l == null) {
            return false;
        }
        l.quitSafely();
        return true;
    }

    public int getThreadId() {
        return (int) getId();
    }

    int priority() {
        return priority;
    }
}
