package com.ppdemo.weatherpoll;

import android.app.Activity;
import android.app.AlertDialog;
import android.content.SharedPreferences;
import android.os.Bundle;
import android.os.Handler;
import android.os.Looper;
import android.provider.Settings;
import android.widget.LinearLayout;
import android.widget.TextView;

/**
 * Bad behaviour: 超频次收集. After consent, the forecast screen re-reads the device identifier
 * every 2 seconds while it is shown, although the identifier never changes.
 */
public class ForecastActivity extends Activity {
    private static final long PERIOD_MS = 2000;
    private final Handler handler = new Handler(Looper.getMainLooper());
    private final Runnable refresh = this::refresh;
    private SharedPreferences prefs;
    private TextView status;
    private int refreshes;

    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        LinearLayout root = new LinearLayout(this);
        root.setOrientation(LinearLayout.VERTICAL);
        TextView title = new TextView(this);
        title.setText("天气通");
        root.addView(title);
        status = new TextView(this);
        status.setText("多云 18°C");
        root.addView(status);
        setContentView(root);

        prefs = getSharedPreferences("weather", MODE_PRIVATE);
        if (!prefs.getBoolean("agreed", false)) {
            new AlertDialog.Builder(this)
                    .setTitle("隐私政策")
                    .setMessage("天气通需要您同意《隐私政策》后为您提供天气预报。")
                    .setCancelable(false)
                    .setPositiveButton("同意", (dialog, which) -> {
                        prefs.edit().putBoolean("agreed", true).apply();
                        refresh();
                    })
                    .setNegativeButton("不同意", (dialog, which) -> finish())
                    .show();
        }
    }

    @Override
    protected void onResume() {
        super.onResume();
        if (prefs.getBoolean("agreed", false)) {
            handler.removeCallbacks(refresh);
            refresh();
        }
    }

    @Override
    protected void onPause() {
        super.onPause();
        handler.removeCallbacks(refresh);
    }

    private void refresh() {
        String device = Settings.Secure.getString(getContentResolver(), Settings.Secure.ANDROID_ID);
        refreshes++;
        status.setText("多云 18°C（第 " + refreshes + " 次刷新，设备 " + device.substring(0, 4) + "）");
        handler.postDelayed(refresh, PERIOD_MS);
    }
}
