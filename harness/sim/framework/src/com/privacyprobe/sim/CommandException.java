package com.privacyprobe.sim;

/** A control command that cannot be carried out; answered with ERR and the message. */
public final class CommandException extends Exception {
    public CommandException(String message) {
        super(message);
    }
}
