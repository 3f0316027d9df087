package a.a;

import com.bun.miitmdid.interfaces.IIdentifierListener;
import com.bun.miitmdid.interfaces.IdSupplier;

/** The minified SDK's OAID listener: reads the OAID the MSA SDK hands over and reports it. */
public final class d implements IIdentifierListener {
    @Override
    public void OnSupport(boolean isSupport, IdSupplier supplier) {
        if (isSupport && supplier != null) {
            c.a("https://ulogs.umeng.com/unify_logs", "oaid=" + supplier.getOAID());
        }
    }
}
