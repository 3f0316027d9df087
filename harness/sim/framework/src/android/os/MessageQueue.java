package android.os;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A time-ordered queue; messages with the same time keep their posting order. */
public final class MessageQueue {
    private final List<Message> messages = new ArrayList<>();
    private long nextSequence;
    private boolean quitting;
    private boolean draining;

    /** Every queue, so that a clock-rate change wakes their waits (they are few and live as long as the process). */
    private static final List<MessageQueue> ALL = new java.util.concurrent.CopyOnWriteArrayList<>();

    MessageQueue() {
        ALL.add(this);
    }

    /** The app clock's rate changed: each waiting queue recomputes how long to wait. */
    public static void wakeAll() {
        for (MessageQueue queue : ALL) {
            synchronized (queue) {
                queue.notifyAll();
            }
        }
    }

    synchronized boolean enqueueMessage(Message msg, long when) {
        if (quitting) {
            return false;
        }
        msg.when = when;
        msg.sequence = nextSequence++;
        int index = messages.size();
        while (index > 0 && messages.get(index - 1).when > when) {
            index--;
        }
        messages.add(index, msg);
        notifyAll();
        return true;
    }

    /** Blocks until a message is due; null once the queue quits (after due messages when quitting safely). */
    synchronized Message next() {
        while (true) {
            long now = SystemClock.uptimeMillis();
            boolean headDue = !messages.isEmpty() && messages.get(0).when <= now;
            if (quitting && !(draining && headDue)) {
                messages.clear();
                return null;
            }
            if (headDue) {
                return messages.remove(0);
            }
            waitQuietly(messages.isEmpty() ? 0 : com.privacyprobe.sim.SimClock.wallMillis(messages.get(0).when - now));
        }
    }

    private void waitQuietly(long millis) {
        try {
            wait(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    synchronized void quit(boolean safe) {
        quitting = true;
        draining = safe;
        notifyAll();
    }

    synchronized void remove(Predicate<Message> which) {
        messages.removeIf(which);
    }

    synchronized boolean has(Predicate<Message> which) {
        for (Message m : messages) {
            if (which.test(m)) {
                return true;
            }
        }
        return false;
    }

    public synchronized boolean isIdle() {
        return messages.isEmpty() || messages.get(0).when > SystemClock.uptimeMillis();
    }
}
