package com.ppdemo.notes;

import android.app.Activity;
import android.app.AlertDialog;
import android.content.Intent;
import android.os.Bundle;
import android.widget.Button;
import android.widget.LinearLayout;
import android.widget.TextView;

/** Settings: the account screen and the privacy policy, each one tap away. */
public class SettingsActivity extends Activity {
    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        LinearLayout root = new LinearLayout(this);
        root.setOrientation(LinearLayout.VERTICAL);
        TextView title = new TextView(this);
        title.setText("Settings");
        root.addView(title);
        Button account = new Button(this);
        account.setText("Account");
        account.setOnClickListener(view -> startActivity(new Intent(this, AccountActivity.class)));
        root.addView(account);
        Button policy = new Button(this);
        policy.setText("Privacy policy");
        policy.setOnClickListener(view -> new AlertDialog.Builder(this)
                .setTitle("Privacy policy")
                .setMessage("Tidy Notes stores notes on this device only. Location is used only when you tag a note.")
                .setPositiveButton("Close", null)
                .show());
        root.addView(policy);
        setContentView(root);
    }
}
