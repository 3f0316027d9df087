package android.os;

public class Handler {
    public interface Callback {
        boolean handleMessage(Message msg);
    }

    final Looper mLooper;
    final MessageQueue mQueue;
    final Callback mCallback;

    @Deprecated
    public Handler() {
        this((Callback) null);
    }

    @Deprecated
    public Handler(Callback callback) {
        mLooper = Looper.myLooper();
        if (mLooper == null) {
            throw new RuntimeException("Can't create handler inside thread " + Thread.currentThread()
                    + " that has not called Looper.prepare()");
        }
        mQueue = mLooper.mQueue;
        mCallback = callback;
    }

    public Handler(Looper looper) {
        this(looper, null);
    }

    public Handler(Looper looper, Callback callback) {
        if (looper == null) {
            throw new NullPointerException("looper");
        }
        mLooper = looper;
        mQueue = looper.mQueue;
        mCallback = callback;
    }

    public void handleMessage(Message msg) {}

    public void dispatchMessage(Message msg) {
        if (msg.callback != null) {
            msg.callback.run();
            return;
        }
        if (mCallback != null && mCallback.handleMessage(msg)) {
            return;
        }
        handleMessage(msg);
    }

    public final Looper getLooper() {
        return mLooper;
    }

    public final Message obtainMessage() {
        return Message.obtain(this);
    }

    public final Message obtainMessage(int what) {
        return Message.obtain(this, what);
    }

    public final Message obtainMessage(int what, Object obj) {
        return Message.obtain(this, what, obj);
    }

    public final Message obtainMessage(int what, int arg1, int arg2) {
        return Message.obtain(this, what, arg1, arg2);
    }

    public final Message obtainMessage(int what, int arg1, int arg2, Object obj) {
        return Message.obtain(this, what, arg1, arg2, obj);
    }

    private Message callbackMessage(Runnable r, Object token) {
        Message m = Message.obtain(this, r);
        m.obj = token;
        return m;
    }

    public final boolean post(Runnable r) {
        return sendMessageDelayed(callbackMessage(r, null), 0);
    }

    public final boolean postAtTime(Runnable r, long uptimeMillis) {
        return sendMessageAtTime(callbackMessage(r, null), uptimeMillis);
    }

    public final boolean postAtTime(Runnable r, Object token, long uptimeMillis) {
        return sendMessageAtTime(callbackMessage(r, token), uptimeMillis);
    }

    public final boolean postDelayed(Runnable r, long delayMillis) {
        return sendMessageDelayed(callbackMessage(r, null), delayMillis);
    }

    public final boolean postDelayed(Runnable r, Object token, long delayMillis) {
        return sendMessageDelayed(callbackMessage(r, token), delayMillis);
    }

    public final boolean postAtFrontOfQueue(Runnable r) {
        return sendMessageAtFrontOfQueue(callbackMessage(r, null));
    }

    public final boolean sendMessage(Message msg) {
        return sendMessageDelayed(msg, 0);
    }

    public final boolean sendEmptyMessage(int what) {
        return sendMessageDelayed(Message.obtain(this, what), 0);
    }

    public final boolean sendEmptyMessageDelayed(int what, long delayMillis) {
        return sendMessageDelayed(Message.obtain(this, what), delayMillis);
    }

    public final boolean sendEmptyMessageAtTime(int what, long uptimeMillis) {
        return sendMessageAtTime(Message.obtain(this, what), uptimeMillis);
    }

    public final boolean sendMessageDelayed(Message msg, long delayMillis) {
        return sendMessageAtTime(msg, SystemClock.uptimeMillis() + Math.max(0, delayMillis));
    }

    public boolean sendMessageAtTime(Message msg, long uptimeMillis) {
        msg.target = this;
        return mQueue.enqueueMessage(msg, uptimeMillis);
    }

    public final boolean sendMessageAtFrontOfQueue(Message msg) {
        msg.target = this;
        return mQueue.enqueueMessage(msg, 0);
    }

    public final void removeCallbacks(Runnable r) {
        mQueue.removeMessages(m -> m.target == this && m.callback == r);
    }

    public final void removeCallbacks(Runnable r, Object token) {
        mQueue.removeMessages(m -> m.target == this && m.callback == r && (token == null || m.obj == token));
    }

    public final void removeMessages(int what) {
        mQueue.removeMessages(m -> m.target == this && m.callback == null && m.what == what);
    }

    public final void removeMessages(int what, Object object) {
        mQueue.removeMessages(m -> m.target == this && m.callback == null && m.what == what
                && (object == null || m.obj == object));
    }

    public final void removeCallbacksAndMessages(Object token) {
        mQueue.removeMessages(m -> m.target == this && (token == null || m.obj == token));
    }

    public final boolean hasMessages(int what) {
        return mQueue.hasMessages(m -> m.target == this && m.callback == null && m.what == what);
    }

    public final boolean hasMessages(int what, Object object) {
        return mQueue.hasMessages(m -> m.target == this && m.callback == null && m.what == what
                && (object == null || m.obj == object));
    }

    public final boolean hasCallbacks(Runnable r) {
        return mQueue.hasMessages(m -> m.target == this && m.callback == r);
    }

    @Override
    public String toString() {
        return "Handler (" + getClass().getName() + ") {" + Integer.toHexString(System.identityHashCode(this)) + "}";
    }
}
