package dev.greeting.emulator.control;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A crash point for the crash suite: logs every management write that took effect, in order, and
 * when armed with k, holds the answer to the k-th write (the write itself is done) and every call
 * after it (those are not carried out) until released. The caller is frozen right after its k-th
 * AWS call: the test then stops it abruptly, as a kill after that call would. Separate from
 * {@link Faults}, which draws random faults; this is deterministic by position in the plan.
 */
public final class CrashPoints {
    private final List<String> writes = new ArrayList<>();
    private int armedAt;
    private CountDownLatch tripped = new CountDownLatch(1);
    private CountDownLatch released = new CountDownLatch(0);
    private int held;

    /** Starts a fresh log; with k greater than 0, freezes after the k-th write from now (0: only log). */
    public synchronized void arm(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be 0 (log only) or positive: " + k);
        }
        released.countDown();
        writes.clear();
        held = 0;
        armedAt = k;
        tripped = new CountDownLatch(1);
        released = new CountDownLatch(1);
    }

    /** Lets the frozen calls go: the k-th write is answered, the later calls fail unexecuted. Logging goes on. */
    public synchronized void release() {
        armedAt = 0;
        released.countDown();
    }

    public synchronized List<String> writes() {
        return List.copyOf(writes);
    }

    /** Calls that came after the crash point and were held (then refused), since the last arming. */
    public synchronized int heldCalls() {
        return held;
    }

    public synchronized int armedAt() {
        return armedAt;
    }

    /** Waits until the k-th write was made and its answer is held. */
    public boolean awaitTripped(long timeout, TimeUnit unit) throws InterruptedException {
        CountDownLatch latch;
        synchronized (this) {
            latch = tripped;
        }
        return latch.await(timeout, unit);
    }

    /**
     * Before a management call runs: once tripped, the call waits for the release and is then
     * refused (true), so nothing after the crash point reaches the emulator's state.
     */
    public boolean holdBefore() {
        CountDownLatch wait;
        synchronized (this) {
            if (armedAt == 0 || tripped.getCount() > 0) {
                return false;
            }
            wait = released;
            held++;
        }
        await(wait);
        return true;
    }

    /** After a management call took effect: logs a write, and holds the answer when it is the k-th. */
    public void afterCall(String operation) {
        if (isRead(operation)) {
            return;
        }
        CountDownLatch wait;
        synchronized (this) {
            writes.add(operation);
            if (armedAt == 0 || writes.size() != armedAt) {
                return;
            }
            tripped.countDown();
            wait = released;
        }
        await(wait);
    }

    /** Reads change nothing; nor does TestInvokeMethod (it runs the method but stores nothing), so it is no crash point. */
    public static boolean isRead(String operation) {
        return operation.startsWith("Get") || operation.startsWith("List") || "TestInvokeMethod".equals(operation);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
