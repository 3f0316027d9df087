package android.os;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Predicate;

public final class MessageQueue {
    private final boolean quitAllowed;
    private final PriorityQueue<Message> messages = new PriorityQueue<>(
            Comparator.comparingLong((Message m) -> m.when).thenComparingLong(m -> m.seq));
    private long nextSeq;
    private boolean quitting;

    MessageQueue(boolean quitAllowed) {
        this.quitAllowed = quitAllowed;
    }

    synchronized boolean enqueueMessage(Message msg, long when) {
        if (msg.target == null) {
            throw new IllegalArgumentException("Message must have a target.");
        }
        if (quitting) {
            android.util.Log.w("MessageQueue", msg.target + " sending message to a Handler on a dead thread");
            return false;
        }
        msg.when = when;
        msg.seq = nextSeq++;
        messages.add(msg);
        notifyAll();
        return true;
    }

    /** Blocks until a message is due; null once the queue quits. */
    synchronized Message next() {
        while (true) {
            if (quitting && messages.isEmpty()) {
                return null;
            }
            Message head = messages.peek();
            long now = SystemClock.uptimeMillis();
            if (head != null && head.when <= now) {
                return messages.poll();
            }
            if (quitting) {
                return null;
            }
            try {
                if (head == null) {
                    wait();
                } else {
                    wait(Math.max(1, head.when - now));
                }
            } catch (InterruptedException e) {
                // Loopers are not interruptible; keep waiting.
            }
        }
    }

    synchronized void quit(boolean safe) {
        if (!quitAllowed) {
            throw new IllegalStateException("Main thread not allowed to quit.");
        }
        quitting = true;
        if (safe) {
            long now = SystemClock.uptimeMillis();
            messages.removeIf(m -> m.when > now);
        } else {
            messages.clear();
        }
        notifyAll();
    }

    synchronized boolean hasMessages(Predicate<Message> match) {
        for (Message m : messages) {
            if (match.test(m)) {
                return true;
            }
        }
        return false;
    }

    synchronized void removeMessages(Predicate<Message> match) {
        List<Message> doomed = new ArrayList<>();
        for (Message m : messages) {
            if (match.test(m)) {
                doomed.add(m);
            }
        }
        messages.removeAll(doomed);
    }

    public synchronized boolean isIdle() {
        Message head = messages.peek();
        return head == null || head.when > SystemClock.uptimeMillis();
    }
}
