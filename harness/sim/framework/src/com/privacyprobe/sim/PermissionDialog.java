package com.privacyprobe.sim;

import android.view.Gravity;
import android.view.ViewGroup;
import android.widget.Button;
import android.widget.FrameLayout;
import android.widget.LinearLayout;
import android.widget.RadioButton;
import android.widget.TextView;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The system's runtime-permission dialog (GrantPermissionsActivity), one per permission group, and
 * the app's permission page in Settings (AppPermissionFragment) that background location sends the
 * user to. Which buttons show, their ids and texts follow packages/modules/Permission:
 * PermissionController/res/layout/grant_permissions.xml, res/layout/app_permission.xml,
 * res/values/strings.xml and permission/ui/model/GrantPermissionsViewModel.kt (button visibilities
 * for apps targeting API 30+).
 */
public final class PermissionDialog {
    /** What the user pressed (GrantPermissionsViewHandler results). */
    public enum Choice {
        ALLOW, FOREGROUND_ONLY, ONE_TIME, ALLOW_ALL, ALLOW_SELECTED, KEEP_SELECTED, DENY, DENY_DONT_ASK_AGAIN,
        CANCELED
    }

    private static final String ID = Foreground.PERMISSION_CONTROLLER + ":id/";
    private static final String DONT_ALLOW = "Don\u2019t allow";

    private PermissionDialog() {
    }

    private record Option(String id, String text, Choice choice) {
    }

    /** The buttons the dialog of `group` shows at the device's API level. */
    private static List<Option> options(String group, List<String> permissions, boolean deniedBefore) {
        List<Option> shown = new ArrayList<>();
        boolean visualMedia = "visual_media".equals(group);
        if ("location".equals(group) || "camera".equals(group) || "microphone".equals(group)) {
            // foreground-only groups that support one-time grants (PermissionMapping.supportsOneTimeGrant)
            shown.add(new Option("permission_allow_foreground_only_button", "While using the app",
                    Choice.FOREGROUND_ONLY));
            shown.add(new Option("permission_allow_one_time_button", "Only this time", Choice.ONE_TIME));
        } else if (visualMedia && Permissions.apiLevel() >= 34
                && Permissions.isGranted(Permissions.READ_MEDIA_VISUAL_USER_SELECTED)) {
            // some photos were selected before: "Select more" or "Don't select more" (DENIED_MORE
            // keeps the selection; GrantPermissionsViewModel DONT_ALLOW_MORE_SELECTED_BUTTON)
            shown.add(new Option("permission_allow_all_button", "Allow all", Choice.ALLOW_ALL));
            shown.add(new Option("permission_allow_selected_button", "Select more", Choice.ALLOW_SELECTED));
            shown.add(new Option("permission_dont_allow_more_selected_button", "Don\u2019t select more",
                    Choice.KEEP_SELECTED));
            return shown;
        } else if (visualMedia && Permissions.apiLevel() >= 34
                && Permissions.isDeclared(Permissions.READ_MEDIA_VISUAL_USER_SELECTED)) {
            // API 34 partial photo access: "Allow all" / "Select photos and videos" (ALLOW_ALL_BUTTON,
            // ALLOW_SELECTED_BUTTON); developer.android.com/about/versions/14/changes/partial-photo-video-access
            shown.add(new Option("permission_allow_all_button", "Allow all", Choice.ALLOW_ALL));
            shown.add(new Option("permission_allow_selected_button", "Select photos and videos",
                    Choice.ALLOW_SELECTED));
        } else {
            shown.add(new Option("permission_allow_button", "Allow", Choice.ALLOW));
        }
        // After one denial the deny button becomes "deny and don't ask again", same text (isFgUserSet).
        shown.add(deniedBefore
                ? new Option("permission_deny_and_dont_ask_again_button", DONT_ALLOW, Choice.DENY_DONT_ASK_AGAIN)
                : new Option("permission_deny_button", DONT_ALLOW, Choice.DENY));
        return shown;
    }

    public static SimWindow show(String group, List<String> permissions, Consumer<Choice> answer) {
        boolean deniedBefore = permissions.stream().anyMatch(Permissions::wasDenied);
        FrameLayout decor = new FrameLayout(null);
        LinearLayout column = new LinearLayout(null);
        column.setOrientation(LinearLayout.VERTICAL);
        ResourceIds.assign(column, ID + "grant_dialog");
        decor.addView(column, new FrameLayout.LayoutParams(ViewGroup.LayoutParams.MATCH_PARENT,
                ViewGroup.LayoutParams.WRAP_CONTENT));
        TextView message = new TextView(null);
        ResourceIds.assign(message, ID + "permission_message");
        message.setText("Allow " + SimRuntime.appLabel() + " to " + Permissions.question(group) + "?");
        column.addView(message);
        for (Option option : options(group, permissions, deniedBefore)) {
            column.addView(button(option.id(), option.text(), () -> answer.accept(option.choice())));
        }
        SimWindow window = new SimWindow(SimWindow.Kind.PERMISSION, Foreground.PERMISSION_CONTROLLER, decor, null);
        window.size(Windows.DIALOG_WIDTH, ViewGroup.LayoutParams.WRAP_CONTENT, Gravity.CENTER, 0, 0);
        window.visibleWhen(Foreground::isApp);
        window.onOutsideTap(true, null);
        // BACK cancels: the app gets DENIED but no user flag is set (GrantPermissionsViewModel
        // CANCELED → USER_IGNORED), so it is not a denial.
        window.onBack(() -> {
            answer.accept(Choice.CANCELED);
            return "canceled permission dialog (" + group + ")";
        });
        Windows.add(window);
        return window;
    }

    /**
     * The app's location permission page in Settings, where background location is granted from
     * API 30 on (GrantPermissionsViewModel sendToSettingsImmediately; developer.android.com/training/
     * location/permissions#request-background-location). Tapping a radio button applies it at once;
     * BACK returns to the app, whose request then gets the state the page left.
     */
    public static SimWindow showLocationSettings(Runnable done) {
        FrameLayout decor = new FrameLayout(null);
        decor.setPadding(0, Screen.STATUS_BAR_HEIGHT, 0, 0);
        LinearLayout column = new LinearLayout(null);
        column.setOrientation(LinearLayout.VERTICAL);
        ResourceIds.assign(column, ID + "app_permission_root");
        decor.addView(column);
        TextView title = new TextView(null);
        title.setText("Location permission");
        column.addView(title);
        TextView message = new TextView(null);
        ResourceIds.assign(message, ID + "permission_message");
        message.setText("Location access for this app");
        column.addView(message);
        TextView app = new TextView(null);
        app.setText(SimRuntime.appLabel());
        column.addView(app);
        List<RadioButton> radios = new ArrayList<>();
        radio(column, radios, "allow_always_radio_button", "Allow all the time", () -> {
            Permissions.set(Permissions.ACCESS_FINE_LOCATION, true);
            Permissions.set(Permissions.ACCESS_COARSE_LOCATION, true);
            Permissions.set(Permissions.ACCESS_BACKGROUND_LOCATION, true);
        });
        radio(column, radios, "allow_foreground_only_radio_button", "Allow only while using the app", () -> {
            Permissions.set(Permissions.ACCESS_BACKGROUND_LOCATION, false);
        });
        radio(column, radios, "ask_radio_button", "Ask every time", () -> {
            Permissions.revokeByShell(Permissions.ACCESS_BACKGROUND_LOCATION);
        });
        radio(column, radios, "deny_radio_button", DONT_ALLOW, () -> {
            Permissions.set(Permissions.ACCESS_FINE_LOCATION, false);
            Permissions.set(Permissions.ACCESS_COARSE_LOCATION, false);
            Permissions.set(Permissions.ACCESS_BACKGROUND_LOCATION, false);
        });
        int current = Permissions.isGranted(Permissions.ACCESS_BACKGROUND_LOCATION) ? 0
                : Permissions.anyGranted(Permissions.ACCESS_FINE_LOCATION, Permissions.ACCESS_COARSE_LOCATION) ? 1 : 3;
        radios.get(current).setChecked(true);
        SimWindow window = new SimWindow(SimWindow.Kind.PERMISSION, Foreground.PERMISSION_CONTROLLER, decor, null);
        window.visibleWhen(Foreground::isApp);
        window.onOutsideTap(true, null);
        window.onBack(() -> {
            done.run();
            return "left the permission settings page";
        });
        Windows.add(window);
        return window;
    }

    private static void radio(LinearLayout column, List<RadioButton> radios, String id, String text, Runnable apply) {
        RadioButton radio = new RadioButton(null);
        ResourceIds.assign(radio, ID + id);
        radio.setText(text);
        radio.setOnClickListener(v -> {
            for (RadioButton other : radios) {
                other.setChecked(other == radio);
            }
            apply.run();
        });
        radios.add(radio);
        column.addView(radio);
    }

    private static Button button(String id, String text, Runnable action) {
        Button button = new Button(null);
        ResourceIds.assign(button, ID + id);
        button.setText(text);
        button.setOnClickListener(v -> action.run());
        return button;
    }
}
