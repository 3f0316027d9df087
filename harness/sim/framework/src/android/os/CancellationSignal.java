package android.os;

public final class CancellationSignal {
    public interface OnCancelListener {
        void onCancel();
    }

    private boolean canceled;
    private OnCancelListener listener;

    public CancellationSignal() {}

    public synchronized boolean isCanceled() {
        return canceled;
    }

    public void throwIfCanceled() {
        if (isCanceled()) {
            throw new OperationCanceledException();
        }
    }

    public void cancel() {
        OnCancelListener l;
        synchronized (this) {
            if (canceled) {
                return;
            }
            canceled = true;
            l = listener;
        }
        if (l != null) {
            l.onCancel();
        }
    }

    public void setOnCancelListener(OnCancelListener listener) {
        boolean fire;
        synchronized (this) {
            this.listener = listener;
            fire = canceled && listener != null;
        }
        if (fire) {
            listener.onCancel();
        }
    }
}
