package com.ppdemo.splash;

import android.app.Activity;
import android.app.AlertDialog;
import android.app.Dialog;
import android.content.ActivityNotFoundException;
import android.content.Intent;
import android.content.SharedPreferences;
import android.net.Uri;
import android.os.Bundle;
import android.os.Handler;
import android.os.Looper;
import android.widget.Button;
import android.widget.LinearLayout;
import android.widget.TextView;

/**
 * Bad behaviour: 开屏弹窗关不掉. On every start after consent an ad window covers the app with
 * no close control and ignores BACK; it goes away only when its 4-second countdown ends.
 */
public class VideoActivity extends Activity {
    private static final int COUNTDOWN_S = 4;
    private final Handler handler = new Handler(Looper.getMainLooper());

    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        LinearLayout root = new LinearLayout(this);
        root.setOrientation(LinearLayout.VERTICAL);
        TextView title = new TextView(this);
        title.setText("看点视频");
        root.addView(title);
        TextView feed = new TextView(this);
        feed.setText("热门：城市夜景延时摄影");
        root.addView(feed);
        setContentView(root);

        SharedPreferences prefs = getSharedPreferences("video", MODE_PRIVATE);
        if (prefs.getBoolean("agreed", false)) {
            showAd();
            return;
        }
        new AlertDialog.Builder(this)
                .setTitle("隐私政策")
                .setMessage("欢迎来到看点视频，请阅读并同意《隐私政策》。")
                .setCancelable(false)
                .setPositiveButton("同意", (dialog, which) -> prefs.edit().putBoolean("agreed", true).apply())
                .setNegativeButton("不同意", (dialog, which) -> finish())
                .show();
    }

    private void showAd() {
        Dialog ad = new Dialog(this);
        LinearLayout box = new LinearLayout(this);
        box.setOrientation(LinearLayout.VERTICAL);
        TextView label = new TextView(this);
        label.setText("广告");
        box.addView(label);
        TextView countdown = new TextView(this);
        countdown.setText("品牌特卖 " + COUNTDOWN_S);
        box.addView(countdown);
        Button download = new Button(this);
        download.setText("立即下载");
        download.setOnClickListener(view -> {
            try {
                startActivity(new Intent(Intent.ACTION_VIEW, Uri.parse("market://details?id=com.ppdemo.brand")));
            } catch (ActivityNotFoundException e) {
                countdown.setText("暂时无法下载");
            }
        });
        box.addView(download);
        ad.setContentView(box);
        ad.setCancelable(false);
        ad.show();
        for (int left = COUNTDOWN_S - 1; left >= 0; left--) {
            int shown = left;
            handler.postDelayed(() -> {
                if (shown == 0) {
                    ad.dismiss();
                } else {
                    countdown.setText("品牌特卖 " + shown);
                }
            }, (COUNTDOWN_S - left) * 1000L);
        }
    }
}
