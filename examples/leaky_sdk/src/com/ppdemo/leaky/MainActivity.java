package com.ppdemo.leaky;

import android.app.Activity;
import android.app.AlertDialog;
import android.content.SharedPreferences;
import android.os.Bundle;
import android.widget.LinearLayout;
import android.widget.TextView;

public class MainActivity extends Activity {
    private TextView status;

    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        LinearLayout root = new LinearLayout(this);
        root.setOrientation(LinearLayout.VERTICAL);
        TextView title = new TextView(this);
        title.setText("Leaky Weather");
        root.addView(title);
        status = new TextView(this);
        status.setText("Sunny, 24°C");
        root.addView(status);
        setContentView(root);

        SharedPreferences prefs = getSharedPreferences("settings", MODE_PRIVATE);
        if (!prefs.getBoolean("privacy_accepted", false)) {
            new AlertDialog.Builder(this)
                    .setTitle("隐私政策")
                    .setMessage("我们会收集设备信息以提供天气服务。请阅读并同意《隐私政策》。")
                    .setCancelable(false)
                    .setPositiveButton("同意", (dialog, which) ->
                            prefs.edit().putBoolean("privacy_accepted", true).apply())
                    .setNegativeButton("不同意", (dialog, which) -> finish())
                    .show();
        }
    }
}
