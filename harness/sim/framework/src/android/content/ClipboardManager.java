package android.content;

import com.privacyprobe.sim.SimRuntime;
import java.util.ArrayList;
import java.util.List;

public class ClipboardManager {
    public interface OnPrimaryClipChangedListener {
        void onPrimaryClipChanged();
    }

    private static ClipData current;
    private static final List<OnPrimaryClipChangedListener> LISTENERS = new ArrayList<>();

    private final Context mContext;

    public ClipboardManager(Context context) {
        mContext = context;
    }

    private static synchronized ClipData clip() {
        if (current == null) {
            // On an emulator the clipboard starts with what the host's clipboard holds (shared by
            // default); a sim without one starts with the planted canary.
            String text = SimRuntime.profileValue("host_clipboard", SimRuntime.profileValue("clipboard", ""));
            if (text.isEmpty()) {
                return null;
            }
            current = ClipData.newPlainText("text", text);
        }
        return current;
    }

    public ClipData getPrimaryClip() {
        ClipData clip = clip();
        return clip == null ? null : new ClipData(clip);
    }

    public ClipDescription getPrimaryClipDescription() {
        ClipData clip = clip();
        return clip == null ? null : clip.getDescription();
    }

    public boolean hasPrimaryClip() {
        return clip() != null;
    }

    public void setPrimaryClip(ClipData clip) {
        if (clip == null) {
            throw new NullPointerException("clip");
        }
        List<OnPrimaryClipChangedListener> toNotify;
        synchronized (ClipboardManager.class) {
            current = new ClipData(clip);
            toNotify = new ArrayList<>(LISTENERS);
        }
        for (OnPrimaryClipChangedListener listener : toNotify) {
            listener.onPrimaryClipChanged();
        }
    }

    public void clearPrimaryClip() {
        synchronized (ClipboardManager.class) {
            current = null;
        }
    }

    public void addPrimaryClipChangedListener(OnPrimaryClipChangedListener what) {
        synchronized (ClipboardManager.class) {
            LISTENERS.add(what);
        }
    }

    public void removePrimaryClipChangedListener(OnPrimaryClipChangedListener what) {
        synchronized (ClipboardManager.class) {
            LISTENERS.remove(what);
        }
    }

    @Deprecated
    public CharSequence getText() {
        ClipData clip = getPrimaryClip();
        return clip != null && clip.getItemCount() > 0 ? clip.getItemAt(0).coerceToText(mContext) : null;
    }

    @Deprecated
    public void setText(CharSequence text) {
        setPrimaryClip(ClipData.newPlainText(null, text));
    }

    @Deprecated
    public boolean hasText() {
        ClipData clip = getPrimaryClip();
        return clip != null && clip.getItemCount() > 0 && clip.getItemAt(0).getText() != null;
    }
}
