package com.ppdemo.encrypted;

import android.app.Activity;
import android.app.AlertDialog;
import android.content.SharedPreferences;
import android.os.Bundle;
import android.widget.TextView;

public class MainActivity extends Activity {
    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        TextView today = new TextView(this);
        today.setText("农历十月廿一");
        setContentView(today);
        SharedPreferences prefs = getSharedPreferences("settings", MODE_PRIVATE);
        if (!prefs.getBoolean("privacy_accepted", false)) {
            new AlertDialog.Builder(this)
                    .setTitle("隐私政策")
                    .setMessage("请阅读并同意《隐私政策》后使用万年历。")
                    .setCancelable(false)
                    .setPositiveButton("同意", (dialog, which) ->
                            prefs.edit().putBoolean("privacy_accepted", true).apply())
                    .setNegativeButton("不同意", (dialog, which) -> finish())
                    .show();
        }
    }
}
