package android.os;

public class Handler {
    public interface Callback {
        boolean handleMessage(Message msg);
    }

    final Looper mLooper;
    final Callback mCallback;

    public Handler() {
        this(Looper.myLooper(), null, true);
    }

    public Handler(Callback callback) {
        this(Looper.myLooper(), callback, true);
    }

    public Handler(Looper looper) {
        this(looper, null, false);
    }

    public Handler(Looper looper, Callback callback) {
        this(looper, callback, false);
    }

    private Handler(Looper looper, Callback callback, boolean implicit) {
        if (looper == null) {
            if (implicit) {
                throw new RuntimeException("Can't create handler inside thread " + Thread.currentThread()
                        + " that has not called Looper.prepare()");
            }
            throw new NullPointerException("looper must not be null");
        }
        mLooper = looper;
        mCallback = callback;
    }

    public static Handler createAsync(Looper looper) {
        return new Handler(looper);
    }

    public void handleMessage(Message msg) {
    }

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

    public String getMessageName(Message message) {
        return message.callback != null ? message.callback.getClass().getName() : "0x" + Integer.toHexString(message.what);
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
        return sendMessageAtTime(callbackMessage(r, null), 0);
    }

    private Message callbackMessage(Runnable r, Object token) {
        Message m = Message.obtain(this, r);
        m.token = token;
        return m;
    }

    public final void removeCallbacks(Runnable r) {
        mLooper.mQueue.remove(m -> m.target == this && m.callback == r);
    }

    public final void removeCallbacks(Runnable r, Object token) {
        mLooper.mQueue.remove(m -> m.target == this && m.callback == r && (token == null || m.token == token));
    }

    public final void removeMessages(int what) {
        mLooper.mQueue.remove(m -> m.target == this && m.callback == null && m.what == what);
    }

    public final void removeMessages(int what, Object object) {
        mLooper.mQueue.remove(m -> m.target == this && m.callback == null && m.what == what
                && (object == null || m.obj == object));
    }

    public final void removeCallbacksAndMessages(Object token) {
        mLooper.mQueue.remove(m -> m.target == this && (token == null || m.token == token || m.obj == token));
    }

    public final boolean hasMessages(int what) {
        return mLooper.mQueue.has(m -> m.target == this && m.callback == null && m.what == what);
    }

    public final boolean hasMessages(int what, Object object) {
        return mLooper.mQueue.has(m -> m.target == this && m.callback == null && m.what == what
                && (object == null || m.obj == object));
    }

    public final boolean hasCallbacks(Runnable r) {
        return mLooper.mQueue.has(m -> m.target == this && m.callback == r);
    }

    public final boolean sendMessage(Message msg) {
        return sendMessageDelayed(msg, 0);
    }

    public final boolean sendEmptyMessage(int what) {
        return sendMessageDelayed(obtainMessage(what), 0);
    }

    public final boolean sendEmptyMessageDelayed(int what, long delayMillis) {
        return sendMessageDelayed(obtainMessage(what), delayMillis);
    }

    public final boolean sendEmptyMessageAtTime(int what, long uptimeMillis) {
        return sendMessageAtTime(obtainMessage(what), uptimeMillis);
    }

    public final boolean sendMessageDelayed(Message msg, long delayMillis) {
        return sendMessageAtTime(msg, SystemClock.uptimeMillis() + Math.max(0, delayMillis));
    }

    public boolean sendMessageAtTime(Message msg, long uptimeMillis) {
        msg.target = this;
        return mLooper.mQueue.enqueueMessage(msg, uptimeMillis);
    }

    public final boolean sendMessageAtFrontOfQueue(Message msg) {
        return sendMessageAtTime(msg, 0);
    }

    @Override
    public String toString() {
        return "Handler (" + getClass().getName() + ") {" + Integer.toHexString(System.identityHashCode(this)) + "}";
    }
}
