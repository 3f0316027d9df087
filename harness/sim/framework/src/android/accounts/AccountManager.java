package android.accounts;

import android.content.Context;

/**
 * Accounts on the device. From API 26 an app sees only the accounts whose authenticator made them
 * visible to it (or that it authenticates itself); GET_ACCOUNTS no longer widens that
 * (developer.android.com/about/versions/oreo/android-8.0-changes "Account access and discoverability";
 * AccountManagerService.getAccountsAsUser). The profile's accounts belong to system authenticators
 * (com.google) that share them with no app, and a sim app authenticates no account type: every
 * lookup answers an empty array, as on a real phone.
 */
public class AccountManager {
    private final Context mContext;

    /** @hide on Android (constructed by the system service registry). */
    public AccountManager(Context context) {
        mContext = context;
    }

    public static AccountManager get(Context context) {
        return (AccountManager) context.getSystemService(Context.ACCOUNT_SERVICE);
    }

    private static Account[] visible(String type) {
        return new Account[0];
    }

    public Account[] getAccounts() {
        return visible(null);
    }

    public Account[] getAccountsByType(String type) {
        return visible(type);
    }

    public Account[] getAccountsByTypeForPackage(String type, String packageName) {
        return visible(type);
    }
}
