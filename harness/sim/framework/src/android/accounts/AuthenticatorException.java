package android.accounts;

public class AuthenticatorException extends AccountsException {
    public AuthenticatorException() {
    }

    public AuthenticatorException(String message) {
        super(message);
    }
}
