package android.accounts;

import android.content.Context;
import android.os.Handler;
import android.os.Looper;
import java.util.concurrent.TimeUnit;

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

    /**
     * The accounts of a type that have every feature, answered through a future (and the callback,
     * run on `handler`, or on the main thread when it is null: AccountManager.java javadoc). The
     * visibility rule above applies first, so the sim answers an empty array here too.
     */
    public AccountManagerFuture<Account[]> getAccountsByTypeAndFeatures(
            String type, String[] features, AccountManagerCallback<Account[]> callback, Handler handler) {
        if (type == null) {
            throw new IllegalArgumentException("type is null");
        }
        Done<Account[]> future = new Done<>(visible(type));
        if (callback != null) {
            Handler target = handler != null ? handler : new Handler(Looper.getMainLooper());
            target.post(() -> callback.run(future));
        }
        return future;
    }

    /** A future whose result is known when it is made. */
    private static final class Done<V> implements AccountManagerFuture<V> {
        private final V mResult;

        Done(V result) {
            mResult = result;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean isDone() {
            return true;
        }

        @Override
        public V getResult() {
            return mResult;
        }

        @Override
        public V getResult(long timeout, TimeUnit unit) {
            return mResult;
        }
    }
}
