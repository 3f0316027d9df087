package com.ppdemo.cloudnote;

import android.app.Activity;
import android.content.Intent;
import android.os.Bundle;
import android.widget.Button;
import android.widget.LinearLayout;
import android.widget.TextView;

public class MineActivity extends Activity {
    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        LinearLayout root = new LinearLayout(this);
        root.setOrientation(LinearLayout.VERTICAL);
        TextView title = new TextView(this);
        title.setText("我的");
        root.addView(title);
        TextView account = new TextView(this);
        account.setText("账号：138****0000");
        root.addView(account);
        Button settings = new Button(this);
        settings.setText("设置");
        settings.setOnClickListener(view -> startActivity(new Intent(this, SettingsActivity.class)));
        root.addView(settings);
        setContentView(root);
    }
}
