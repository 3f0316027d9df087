package com.ppdemo.cloudnote;

import android.app.Activity;
import android.app.AlertDialog;
import android.os.Bundle;
import android.widget.Button;
import android.widget.LinearLayout;
import android.widget.TextView;

public class SettingsActivity extends Activity {
    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        LinearLayout root = new LinearLayout(this);
        root.setOrientation(LinearLayout.VERTICAL);
        TextView title = new TextView(this);
        title.setText("设置");
        root.addView(title);
        Button about = new Button(this);
        about.setText("关于我们");
        about.setOnClickListener(view -> new AlertDialog.Builder(this)
                .setTitle("关于我们")
                .setMessage("云笔记 6.0.0")
                .setPositiveButton("确定", null)
                .show());
        root.addView(about);
        Button policy = new Button(this);
        policy.setText("隐私政策");
        policy.setOnClickListener(view -> new AlertDialog.Builder(this)
                .setTitle("隐私政策")
                .setMessage("我们收集您的手机号码用于登录。")
                .setPositiveButton("关闭", null)
                .show());
        root.addView(policy);
        Button logout = new Button(this);
        logout.setText("退出登录");
        logout.setOnClickListener(view -> finish());
        root.addView(logout);
        setContentView(root);
    }
}
