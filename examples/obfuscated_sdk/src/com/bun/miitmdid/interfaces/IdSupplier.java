package com.bun.miitmdid.interfaces;

/** The MSA SDK's id holder handed to listeners (its 1.0.13+ name; the shape its documents give). */
public interface IdSupplier {
    boolean isSupported();

    String getOAID();

    String getVAID();

    String getAAID();
}
