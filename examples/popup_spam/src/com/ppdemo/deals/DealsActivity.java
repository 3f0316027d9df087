package com.ppdemo.deals;

import android.app.Activity;
import android.app.AlertDialog;
import android.content.SharedPreferences;
import android.os.Bundle;
import android.os.Handler;
import android.os.Looper;
import android.widget.LinearLayout;
import android.widget.TextView;

/**
 * Bad behaviour: 弹窗信息骚扰. Once the user has agreed, a promotion pops up every 1.2 s and
 * comes straight back after it is closed (five times per launch).
 */
public class DealsActivity extends Activity {
    private static final long PERIOD_MS = 1200;
    private static final int MAX_PROMOTIONS = 5;
    private final Handler handler = new Handler(Looper.getMainLooper());
    private final Runnable promote = this::promote;
    private SharedPreferences prefs;
    private int shown;

    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        LinearLayout root = new LinearLayout(this);
        root.setOrientation(LinearLayout.VERTICAL);
        TextView title = new TextView(this);
        title.setText("特价优选");
        root.addView(title);
        TextView list = new TextView(this);
        list.setText("今日特价：纸巾 9.9 元");
        root.addView(list);
        setContentView(root);

        prefs = getSharedPreferences("deals", MODE_PRIVATE);
        if (!prefs.getBoolean("agreed", false)) {
            new AlertDialog.Builder(this)
                    .setTitle("隐私政策")
                    .setMessage("请阅读《隐私政策》，同意后开始购物。")
                    .setCancelable(false)
                    .setPositiveButton("同意", (dialog, which) -> {
                        prefs.edit().putBoolean("agreed", true).apply();
                        handler.postDelayed(promote, PERIOD_MS);
                    })
                    .setNegativeButton("不同意", (dialog, which) -> finish())
                    .show();
        }
    }

    @Override
    protected void onResume() {
        super.onResume();
        if (prefs.getBoolean("agreed", false)) {
            handler.postDelayed(promote, PERIOD_MS);
        }
    }

    @Override
    protected void onPause() {
        super.onPause();
        handler.removeCallbacks(promote);
    }

    private void promote() {
        if (shown >= MAX_PROMOTIONS) {
            return;
        }
        shown++;
        new AlertDialog.Builder(this)
                .setTitle("限时福利")
                .setMessage("新人专享红包，点击立即领取！")
                .setPositiveButton("立即领取", null)
                .setNegativeButton("关闭", null)
                .show();
        handler.postDelayed(promote, PERIOD_MS);
    }
}
