package android.telephony;

/** Signal strength of a cell. */
public abstract class CellSignalStrength {
    public static final int SIGNAL_STRENGTH_NONE_OR_UNKNOWN = 0;
    public static final int SIGNAL_STRENGTH_GREAT = 4;

    public abstract int getLevel();

    public abstract int getDbm();

    public abstract int getAsuLevel();
}
