package android.os;

public final class CancellationSignal {
    public interface OnCancelListener {
        void onCancel();
    }

    private boolean canceled;
    private OnCancelListener listener;

    public CancellationSignal() {
    }

    public boolean isCanceled() {
        synchronized (this) {
            return canceled;
        }
    }

    public void throwIfCanceled() {
        if (isCanceled()) {
            throw new OperationCanceledException();
        }
    }

    public void cancel() {
        OnCancelListener toCall;
        synchronized (this) {
            if (canceled) {
                return;
            }
            canceled = true;
            toCall = listener;
        }
        if (toCall != null) {
            toCall.onCancel();
        }
    }

    public void setOnCancelListener(OnCancelListener listener) {
        boolean call;
        synchronized (this) {
            this.listener = listener;
            call = canceled && listener != null;
        }
        if (call) {
            listener.onCancel();
        }
    }
}
