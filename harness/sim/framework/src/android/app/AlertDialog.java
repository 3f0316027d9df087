package android.app;

import android.content.Context;
import android.content.DialogInterface;
import android.graphics.drawable.Drawable;
import android.os.Bundle;
import android.view.View;
import android.view.ViewGroup;
import android.widget.Button;
import android.widget.FrameLayout;
import android.widget.LinearLayout;
import android.widget.TextView;
import com.privacyprobe.sim.ResourceIds;

public class AlertDialog extends Dialog implements DialogInterface {
    private CharSequence mTitle;
    private CharSequence mMessage;
    private View mView;
    private CharSequence[] mItems;
    private OnClickListener mItemsListener;
    private final CharSequence[] mButtonText = new CharSequence[3];
    private final OnClickListener[] mButtonListener = new OnClickListener[3];
    private final Button[] mButtons = new Button[3];
    private boolean mBuilt;

    protected AlertDialog(Context context) {
        this(context, 0);
    }

    protected AlertDialog(Context context, int themeResId) {
        super(context, themeResId);
    }

    protected AlertDialog(Context context, boolean cancelable, OnCancelListener cancelListener) {
        super(context, cancelable, cancelListener);
    }

    private static int slot(int whichButton) {
        switch (whichButton) {
            case BUTTON_POSITIVE:
                return 0;
            case BUTTON_NEGATIVE:
                return 1;
            case BUTTON_NEUTRAL:
                return 2;
            default:
                throw new IllegalArgumentException("Button does not exist");
        }
    }

    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        mBuilt = true;
        rebuild();
    }

    /** Lays the alert out again as AlertController would: title, message, custom view, buttons. */
    private void rebuild() {
        if (!mBuilt) {
            return;
        }
        Context context = getContext();
        LinearLayout parentPanel = new LinearLayout(context);
        parentPanel.setOrientation(LinearLayout.VERTICAL);
        ResourceIds.assign(parentPanel, "android:id/parentPanel");
        if (mTitle != null && mTitle.length() > 0) {
            TextView title = new TextView(context);
            ResourceIds.assign(title, "android:id/alertTitle");
            title.setText(mTitle);
            parentPanel.addView(title);
        }
        if (mMessage != null && mMessage.length() > 0) {
            TextView message = new TextView(context);
            ResourceIds.assign(message, "android:id/message");
            message.setText(mMessage);
            parentPanel.addView(message);
        }
        if (mItems != null) {
            LinearLayout list = new LinearLayout(context);
            list.setOrientation(LinearLayout.VERTICAL);
            ResourceIds.assign(list, "android:id/select_dialog_listview");
            for (int i = 0; i < mItems.length; i++) {
                TextView item = new TextView(context);
                ResourceIds.assign(item, "android:id/text1");
                item.setText(mItems[i]);
                int which = i;
                item.setOnClickListener(v -> {
                    if (mItemsListener != null) {
                        mItemsListener.onClick(this, which);
                    }
                    dismiss();
                });
                list.addView(item);
            }
            parentPanel.addView(list);
        }
        if (mView != null) {
            FrameLayout custom = new FrameLayout(context);
            ResourceIds.assign(custom, "android:id/custom");
            if (mView.getParent() instanceof ViewGroup) {
                ((ViewGroup) mView.getParent()).removeView(mView);
            }
            custom.addView(mView, new FrameLayout.LayoutParams(ViewGroup.LayoutParams.MATCH_PARENT,
                    ViewGroup.LayoutParams.WRAP_CONTENT));
            parentPanel.addView(custom);
        }
        LinearLayout buttonPanel = new LinearLayout(context);
        buttonPanel.setOrientation(LinearLayout.HORIZONTAL);
        ResourceIds.assign(buttonPanel, "android:id/buttonPanel");
        int[] order = {BUTTON_NEUTRAL, BUTTON_NEGATIVE, BUTTON_POSITIVE};
        String[] ids = {"android:id/button3", "android:id/button2", "android:id/button1"};
        for (int i = 0; i < order.length; i++) {
            int which = order[i];
            int slot = slot(which);
            Button button = new Button(context);
            ResourceIds.assign(button, ids[i]);
            button.setText(mButtonText[slot] == null ? "" : mButtonText[slot]);
            button.setOnClickListener(v -> {
                if (mButtonListener[slot] != null) {
                    mButtonListener[slot].onClick(this, which);
                }
                dismiss();
            });
            mButtons[slot] = button;
            if (mButtonText[slot] != null) {
                buttonPanel.addView(button);
            }
        }
        if (buttonPanel.getChildCount() > 0) {
            parentPanel.addView(buttonPanel);
        }
        mContentParent.removeAllViews();
        mContentParent.addView(parentPanel, new FrameLayout.LayoutParams(ViewGroup.LayoutParams.MATCH_PARENT,
                ViewGroup.LayoutParams.WRAP_CONTENT));
    }

    public Button getButton(int whichButton) {
        create();
        return mButtons[slot(whichButton)];
    }

    @Override
    public void setTitle(CharSequence title) {
        mTitle = title;
        rebuild();
    }

    public void setMessage(CharSequence message) {
        mMessage = message;
        rebuild();
    }

    public void setView(View view) {
        mView = view;
        rebuild();
    }

    public void setIcon(int resId) {
    }

    public void setIcon(Drawable icon) {
    }

    public void setButton(int whichButton, CharSequence text, OnClickListener listener) {
        mButtonText[slot(whichButton)] = text;
        mButtonListener[slot(whichButton)] = listener;
        rebuild();
    }

    void setItems(CharSequence[] items, OnClickListener listener) {
        mItems = items == null ? null : items.clone();
        mItemsListener = listener;
        rebuild();
    }

    public static class Builder {
        private final Context mContext;
        private CharSequence mTitle;
        private CharSequence mMessage;
        private View mView;
        private CharSequence[] mItems;
        private OnClickListener mItemsListener;
        private final CharSequence[] mButtonText = new CharSequence[3];
        private final OnClickListener[] mButtonListener = new OnClickListener[3];
        private boolean mCancelable = true;
        private OnCancelListener mOnCancelListener;
        private OnDismissListener mOnDismissListener;

        public Builder(Context context) {
            this(context, 0);
        }

        public Builder(Context context, int themeResId) {
            mContext = context;
        }

        public Context getContext() {
            return mContext;
        }

        public Builder setTitle(CharSequence title) {
            mTitle = title;
            return this;
        }

        public Builder setMessage(CharSequence message) {
            mMessage = message;
            return this;
        }

        public Builder setIcon(int iconId) {
            return this;
        }

        public Builder setIcon(Drawable icon) {
            return this;
        }

        public Builder setView(View view) {
            mView = view;
            return this;
        }

        public Builder setPositiveButton(CharSequence text, OnClickListener listener) {
            mButtonText[0] = text;
            mButtonListener[0] = listener;
            return this;
        }

        public Builder setNegativeButton(CharSequence text, OnClickListener listener) {
            mButtonText[1] = text;
            mButtonListener[1] = listener;
            return this;
        }

        public Builder setNeutralButton(CharSequence text, OnClickListener listener) {
            mButtonText[2] = text;
            mButtonListener[2] = listener;
            return this;
        }

        public Builder setItems(CharSequence[] items, OnClickListener listener) {
            mItems = items;
            mItemsListener = listener;
            return this;
        }

        public Builder setCancelable(boolean cancelable) {
            mCancelable = cancelable;
            return this;
        }

        public Builder setOnCancelListener(OnCancelListener onCancelListener) {
            mOnCancelListener = onCancelListener;
            return this;
        }

        public Builder setOnDismissListener(OnDismissListener onDismissListener) {
            mOnDismissListener = onDismissListener;
            return this;
        }

        public AlertDialog create() {
            AlertDialog dialog = new AlertDialog(mContext);
            dialog.mTitle = mTitle;
            dialog.mMessage = mMessage;
            dialog.mView = mView;
            if (mItems != null) {
                dialog.mItems = mItems.clone();
                dialog.mItemsListener = mItemsListener;
            }
            for (int i = 0; i < 3; i++) {
                dialog.mButtonText[i] = mButtonText[i];
                dialog.mButtonListener[i] = mButtonListener[i];
            }
            dialog.setCancelable(mCancelable);
            if (mCancelable) {
                dialog.setCanceledOnTouchOutside(true);
            }
            dialog.setOnCancelListener(mOnCancelListener);
            dialog.setOnDismissListener(mOnDismissListener);
            return dialog;
        }

        public AlertDialog show() {
            AlertDialog dialog = create();
            dialog.show();
            return dialog;
        }
    }
}
