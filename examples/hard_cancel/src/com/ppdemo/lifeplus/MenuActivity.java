package com.ppdemo.lifeplus;

import android.app.Activity;
import android.content.Context;
import android.content.Intent;
import android.os.Bundle;
import android.widget.Button;
import android.widget.LinearLayout;
import android.widget.TextView;

/** One screen of the 我的 → 设置 → 账号与安全 menu chain; the menu shown comes with the intent. */
public class MenuActivity extends Activity {
    private static final String MENU = "menu";

    static void open(Context from, String menu) {
        Intent intent = new Intent(from, MenuActivity.class);
        intent.putExtra(MENU, menu);
        from.startActivity(intent);
    }

    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        String menu = getIntent().getStringExtra(MENU);
        LinearLayout root = new LinearLayout(this);
        root.setOrientation(LinearLayout.VERTICAL);
        TextView title = new TextView(this);
        title.setText(menu);
        root.addView(title);
        if ("我的".equals(menu)) {
            root.addView(entry("我的订单", null));
            root.addView(entry("设置", "设置"));
        } else if ("设置".equals(menu)) {
            root.addView(entry("消息通知", null));
            root.addView(entry("账号与安全", "账号与安全"));
        } else {
            TextView phone = new TextView(this);
            phone.setText("绑定手机：139****1234");
            root.addView(phone);
            Button cancel = new Button(this);
            cancel.setText("注销账号");
            cancel.setOnClickListener(view -> startActivity(new Intent(this, CancelActivity.class)));
            root.addView(cancel);
        }
        setContentView(root);
    }

    private Button entry(String label, String next) {
        Button button = new Button(this);
        button.setText(label);
        if (next != null) {
            button.setOnClickListener(view -> open(this, next));
        }
        return button;
    }
}
