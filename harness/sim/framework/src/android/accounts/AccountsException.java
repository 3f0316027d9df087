package android.accounts;

public class AccountsException extends Exception {
    public AccountsException() {
    }

    public AccountsException(String message) {
        super(message);
    }
}
