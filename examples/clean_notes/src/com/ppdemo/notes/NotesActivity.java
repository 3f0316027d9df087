package com.ppdemo.notes;

import android.Manifest;
import android.app.Activity;
import android.app.AlertDialog;
import android.content.Context;
import android.content.Intent;
import android.content.SharedPreferences;
import android.content.pm.PackageManager;
import android.location.Location;
import android.location.LocationManager;
import android.os.Bundle;
import android.widget.Button;
import android.widget.LinearLayout;
import android.widget.TextView;

/**
 * A well-behaved app: asks for consent first, reads nothing before it, and asks for location only
 * when the user taps the feature that needs it.
 */
public class NotesActivity extends Activity {
    private static final int LOCATION_REQUEST = 7;
    private TextView status;

    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        LinearLayout root = new LinearLayout(this);
        root.setOrientation(LinearLayout.VERTICAL);
        TextView title = new TextView(this);
        title.setText("Tidy Notes");
        root.addView(title);
        status = new TextView(this);
        status.setText("No notes yet");
        root.addView(status);
        Button nearby = new Button(this);
        nearby.setText("Tag note with my city");
        nearby.setOnClickListener(view -> tagWithLocation());
        root.addView(nearby);
        Button settings = new Button(this);
        settings.setText("Settings");
        settings.setOnClickListener(view -> startActivity(new Intent(this, SettingsActivity.class)));
        root.addView(settings);
        setContentView(root);

        SharedPreferences prefs = getSharedPreferences("notes", MODE_PRIVATE);
        if (!prefs.getBoolean("consented", false)) {
            new AlertDialog.Builder(this)
                    .setTitle("Privacy policy")
                    .setMessage("Tidy Notes keeps your notes on this device. Read our privacy policy.")
                    .setCancelable(false)
                    .setPositiveButton("Agree", (dialog, which) ->
                            prefs.edit().putBoolean("consented", true).apply())
                    // declining keeps the notes usable: they never leave the device
                    .setNegativeButton("Disagree", (dialog, which) -> status.setText("Notes stay on this device"))
                    .show();
        }
    }

    private void tagWithLocation() {
        if (checkSelfPermission(Manifest.permission.ACCESS_COARSE_LOCATION)
                != PackageManager.PERMISSION_GRANTED) {
            requestPermissions(
                    new String[] {Manifest.permission.ACCESS_COARSE_LOCATION}, LOCATION_REQUEST);
            return;
        }
        LocationManager locations = (LocationManager) getSystemService(Context.LOCATION_SERVICE);
        Location fix = locations.getLastKnownLocation(LocationManager.NETWORK_PROVIDER);
        status.setText(fix == null ? "Location unavailable" : "Tagged near your city");
    }

    @Override
    public void onRequestPermissionsResult(int requestCode, String[] permissions, int[] results) {
        if (requestCode == LOCATION_REQUEST && results.length > 0
                && results[0] == PackageManager.PERMISSION_GRANTED) {
            tagWithLocation();
        } else {
            status.setText("Location not shared");
        }
    }
}
