package android.content;

import java.util.Objects;

public final class ComponentName implements Cloneable, Comparable<ComponentName> {
    private final String mPackage;
    private final String mClass;

    public ComponentName(String pkg, String cls) {
        if (pkg == null) {
            throw new NullPointerException("package name is null");
        }
        if (cls == null) {
            throw new NullPointerException("class name is null");
        }
        mPackage = pkg;
        mClass = cls;
    }

    public ComponentName(Context pkg, String cls) {
        this(pkg.getPackageName(), cls);
    }

    public ComponentName(Context pkg, Class<?> cls) {
        this(pkg.getPackageName(), cls.getName());
    }

    public static ComponentName unflattenFromString(String str) {
        int sep = str.indexOf('/');
        if (sep < 0 || sep + 1 >= str.length()) {
            return null;
        }
        String pkg = str.substring(0, sep);
        String cls = str.substring(sep + 1);
        if (cls.startsWith(".")) {
            cls = pkg + cls;
        }
        return new ComponentName(pkg, cls);
    }

    @Override
    public ComponentName clone() {
        return new ComponentName(mPackage, mClass);
    }

    public String getPackageName() {
        return mPackage;
    }

    public String getClassName() {
        return mClass;
    }

    public String getShortClassName() {
        if (mClass.startsWith(mPackage) && mClass.length() > mPackage.length() && mClass.charAt(mPackage.length()) == '.') {
            return mClass.substring(mPackage.length());
        }
        return mClass;
    }

    public String flattenToString() {
        return mPackage + "/" + mClass;
    }

    public String flattenToShortString() {
        return mPackage + "/" + getShortClassName();
    }

    public String toShortString() {
        return "{" + flattenToShortString() + "}";
    }

    @Override
    public String toString() {
        return "ComponentInfo{" + mPackage + "/" + mClass + "}";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof ComponentName && mPackage.equals(((ComponentName) obj).mPackage)
                && mClass.equals(((ComponentName) obj).mClass);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mPackage, mClass);
    }

    @Override
    public int compareTo(ComponentName that) {
        int v = mPackage.compareTo(that.mPackage);
        return v != 0 ? v : mClass.compareTo(that.mClass);
    }
}
