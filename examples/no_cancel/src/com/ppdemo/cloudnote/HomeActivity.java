package com.ppdemo.cloudnote;

import android.app.Activity;
import android.app.AlertDialog;
import android.content.Intent;
import android.content.SharedPreferences;
import android.os.Bundle;
import android.widget.Button;
import android.widget.LinearLayout;
import android.widget.TextView;

/**
 * Bad behaviour: 未提供有效的注销账号功能. Users sign in with a phone number, but nowhere in the
 * app — 我的, 设置 — can the account be cancelled.
 */
public class HomeActivity extends Activity {
    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        LinearLayout root = new LinearLayout(this);
        root.setOrientation(LinearLayout.VERTICAL);
        TextView title = new TextView(this);
        title.setText("云笔记");
        root.addView(title);
        TextView notes = new TextView(this);
        notes.setText("最近笔记：购物清单");
        root.addView(notes);
        Button mine = new Button(this);
        mine.setText("我的");
        mine.setOnClickListener(view -> startActivity(new Intent(this, MineActivity.class)));
        root.addView(mine);
        setContentView(root);

        SharedPreferences prefs = getSharedPreferences("cloud", MODE_PRIVATE);
        if (!prefs.getBoolean("agreed", false)) {
            new AlertDialog.Builder(this)
                    .setTitle("隐私政策")
                    .setMessage("使用云笔记前，请阅读并同意《用户协议》和《隐私政策》。")
                    .setCancelable(false)
                    .setPositiveButton("同意", (dialog, which) -> prefs.edit().putBoolean("agreed", true).apply())
                    .setNegativeButton("不同意", (dialog, which) -> finish())
                    .show();
        }
    }
}
