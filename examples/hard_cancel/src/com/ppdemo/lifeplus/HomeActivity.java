package com.ppdemo.lifeplus;

import android.app.Activity;
import android.app.AlertDialog;
import android.content.SharedPreferences;
import android.os.Bundle;
import android.widget.Button;
import android.widget.LinearLayout;
import android.widget.TextView;

/**
 * Bad behaviour: 为注销账号设置不合理条件. The cancellation entry exists (我的 → 设置 → 账号与安全 →
 * 注销账号) but only says to go to an offline service hall with an ID card.
 */
public class HomeActivity extends Activity {
    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        LinearLayout root = new LinearLayout(this);
        root.setOrientation(LinearLayout.VERTICAL);
        TextView title = new TextView(this);
        title.setText("惠生活");
        root.addView(title);
        TextView offers = new TextView(this);
        offers.setText("附近好店：家政保洁 8 折");
        root.addView(offers);
        Button mine = new Button(this);
        mine.setText("我的");
        mine.setOnClickListener(view -> MenuActivity.open(this, "我的"));
        root.addView(mine);
        setContentView(root);

        SharedPreferences prefs = getSharedPreferences("life", MODE_PRIVATE);
        if (!prefs.getBoolean("agreed", false)) {
            new AlertDialog.Builder(this)
                    .setTitle("隐私政策")
                    .setMessage("请阅读并同意《惠生活隐私政策》。")
                    .setCancelable(false)
                    .setPositiveButton("同意", (dialog, which) -> prefs.edit().putBoolean("agreed", true).apply())
                    .setNegativeButton("不同意", (dialog, which) -> finish())
                    .show();
        }
    }
}
