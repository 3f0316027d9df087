package com.ppdemo.lifeplus;

import android.app.Activity;
import android.os.Bundle;
import android.widget.Button;
import android.widget.LinearLayout;
import android.widget.TextView;

public class CancelActivity extends Activity {
    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        LinearLayout root = new LinearLayout(this);
        root.setOrientation(LinearLayout.VERTICAL);
        TextView title = new TextView(this);
        title.setText("注销账号");
        root.addView(title);
        TextView terms = new TextView(this);
        terms.setText("为保障您的账号安全，注销账号需本人携带有效身份证件前往线下营业厅办理。");
        root.addView(terms);
        Button ok = new Button(this);
        ok.setText("我知道了");
        ok.setOnClickListener(view -> finish());
        root.addView(ok);
        setContentView(root);
    }
}
