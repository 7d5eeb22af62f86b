package org.gan4j.engine.internal;

import java.util.Arrays;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.gan4j.api.TrainingException;

/**
 * The meeting point of a step's workers: every worker calls {@link #exchange} with what it contributes, the last to
 * arrive combines the contributions in worker order, and all continue with the result. Because the combination sees
 * the contributions by worker index, never by arrival order, its result does not depend on thread timing.
 *
 * <p>Every worker must make the same sequence of calls. Each call names itself; a worker that arrives under another
 * name (it took another branch, or ended its step while the others wait) aborts the step with an error naming both.
 * A worker that fails aborts the collective, which wakes the others with {@link Aborted}.
 */
final class Collective {
    private final int parties;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private final String[] names;
    private final Object[] contributions;
    private int arrived;
    private long generation;
    private Object result;
    private RuntimeException failure;

    /** Thrown in the workers that wait when another worker fails. */
    static final class Aborted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Aborted() {
            super("aborted: another worker failed", null, false, false);
        }
    }

    Collective(int parties) {
        this.parties = parties;
        this.names = new String[parties];
        this.contributions = new Object[parties];
    }

    /**
     * Contributes to a collective call and waits for the others.
     *
     * @param worker this worker's index
     * @param name what the call is, the same in every worker (for example {@code optimizer D})
     * @param contribution this worker's part
     * @param combine run once, by the last worker to arrive, on the parts in worker order
     * @param <T> the result type
     * @return the combined result, the same object in every worker
     */
    @SuppressWarnings("unchecked")
    <T> T exchange(int worker, String name, Object contribution, Function<Object[], T> combine) {
        lock.lock();
        try {
            if (failure != null) {
                throw new Aborted();
            }
            names[worker] = name;
            contributions[worker] = contribution;
            long gen = generation;
            if (++arrived == parties) {
                for (int i = 0; i < parties; i++) {
                    if (!names[i].equals(name)) {
                        throw abort(new TrainingException("the workers diverged: worker " + i + " is at '" + names[i]
                                + "' while worker " + worker + " is at '" + name + "'; every worker must make the same"
                                + " collective calls (optimizer steps, gathers) in the same order"));
                    }
                }
                try {
                    result = combine == null ? null : combine.apply(contributions.clone());
                } catch (RuntimeException e) {
                    throw abort(e);
                }
                Arrays.fill(contributions, null);
                arrived = 0;
                generation++;
                released.signalAll();
                return (T) result;
            }
            while (gen == generation) {
                if (failure != null) {
                    throw new Aborted();
                }
                released.awaitUninterruptibly();
            }
            return (T) result;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Fails the collective: workers waiting now or arriving later throw {@link Aborted}.
     *
     * @param cause the failure
     * @return the cause, to throw
     */
    RuntimeException abort(RuntimeException cause) {
        lock.lock();
        try {
            if (failure == null) {
                failure = cause;
            }
            released.signalAll();
            return cause;
        } finally {
            lock.unlock();
        }
    }

    /** Readies the collective for the next step (after a failure, or to drop a half-finished call). */
    void reset() {
        lock.lock();
        try {
            failure = null;
            arrived = 0;
            Arrays.fill(contributions, null);
            Arrays.fill(names, null);
            generation++;
        } finally {
            lock.unlock();
        }
    }
}
