package android.accounts;

/** An account: a name and an authenticator type. */
public class Account {
    public final String name;
    public final String type;

    public Account(String name, String type) {
        if (name == null || name.isEmpty() || type == null || type.isEmpty()) {
            throw new IllegalArgumentException("the name and type must not be empty: " + name + ", " + type);
        }
        this.name = name;
        this.type = type;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Account && name.equals(((Account) o).name) && type.equals(((Account) o).type);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + type.hashCode();
    }

    @Override
    public String toString() {
        return "Account {name=" + name + ", type=" + type + "}";
    }
}
