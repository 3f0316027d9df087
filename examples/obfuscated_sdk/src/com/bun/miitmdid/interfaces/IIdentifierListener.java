package com.bun.miitmdid.interfaces;

/** The callback an integrator implements; 1.0.x delivers OnSupport(boolean, IdSupplier). */
public interface IIdentifierListener {
    void OnSupport(boolean isSupport, IdSupplier supplier);
}
