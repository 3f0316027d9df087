package com.ppdemo.newsflash;

import android.app.Activity;
import android.app.Dialog;
import android.content.SharedPreferences;
import android.os.Bundle;
import android.widget.Button;
import android.widget.CheckBox;
import android.widget.LinearLayout;
import android.widget.TextView;

/**
 * Bad behaviour: consent by non-explicit means (认定方法 三.4). The consent box is ticked before
 * the user touches it and the only answer offered is "我知道了" — there is no way to refuse.
 */
public class NewsActivity extends Activity {
    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        LinearLayout root = new LinearLayout(this);
        root.setOrientation(LinearLayout.VERTICAL);
        TextView title = new TextView(this);
        title.setText("每日快讯");
        root.addView(title);
        TextView headline = new TextView(this);
        headline.setText("头条：本市今日天气晴好");
        root.addView(headline);
        setContentView(root);

        SharedPreferences prefs = getSharedPreferences("news", MODE_PRIVATE);
        if (!prefs.getBoolean("agreed", false)) {
            showPolicy(prefs);
        }
    }

    private void showPolicy(SharedPreferences prefs) {
        Dialog dialog = new Dialog(this);
        LinearLayout box = new LinearLayout(this);
        box.setOrientation(LinearLayout.VERTICAL);
        TextView heading = new TextView(this);
        heading.setText("个人信息保护提示");
        box.addView(heading);
        TextView message = new TextView(this);
        message.setText("欢迎使用每日快讯！我们将依据《隐私政策》收集和使用您的个人信息。");
        box.addView(message);
        CheckBox agree = new CheckBox(this);
        agree.setText("我已阅读并同意《隐私政策》");
        agree.setChecked(true);
        box.addView(agree);
        Button ok = new Button(this);
        ok.setText("我知道了");
        ok.setOnClickListener(view -> {
            prefs.edit().putBoolean("agreed", agree.isChecked()).apply();
            dialog.dismiss();
        });
        box.addView(ok);
        dialog.setContentView(box);
        dialog.setCancelable(false);
        dialog.show();
    }
}
