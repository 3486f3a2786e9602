package dev.volga.testkit.junit;

import dev.volga.testkit.clodo.ClodoStub;
import dev.volga.testkit.endocs.EndocsStub;
import dev.volga.testkit.nodul.NodulStub;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The stubs of one test class: started on first request, reset after each test, closed once.
 * Kept in the class's extension store, which closes it (it is {@link AutoCloseable}) if the
 * extension's own after-all callback did not run.
 */
final class Stubs implements AutoCloseable {

    private NodulStub nodul;
    private EndocsStub endocs;
    private ClodoStub clodo;
    private boolean closed;

    synchronized Object get(StubKind kind) {
        if (closed) {
            throw new IllegalStateException("the Volga stubs of this test class are already closed");
        }
        switch (kind) {
            case NODUL:
                if (nodul == null) {
                    nodul = NodulStub.start();
                }
                return nodul;
            case ENDOCS:
                if (endocs == null) {
                    endocs = EndocsStub.start();
                }
                return endocs;
            case CLODO:
                if (clodo == null) {
                    clodo = ClodoStub.builder().user(VolgaStubs.CLODO_USER, VolgaStubs.CLODO_KEY).start();
                }
                return clodo;
            default:
                throw new IllegalArgumentException("unknown stub kind " + kind);
        }
    }

    /** The kinds started so far (closed or not). */
    synchronized Set<StubKind> started() {
        Set<StubKind> kinds = EnumSet.noneOf(StubKind.class);
        if (nodul != null) {
            kinds.add(StubKind.NODUL);
        }
        if (endocs != null) {
            kinds.add(StubKind.ENDOCS);
        }
        if (clodo != null) {
            kinds.add(StubKind.CLODO);
        }
        return kinds;
    }

    static String url(Object stub) {
        if (stub instanceof NodulStub n) {
            return n.baseUrl();
        }
        if (stub instanceof EndocsStub e) {
            return e.baseUrl();
        }
        return ((ClodoStub) stub).authUrl();
    }

    synchronized void reset() {
        if (nodul != null) {
            nodul.reset();
        }
        if (endocs != null) {
            endocs.reset();
        }
        if (clodo != null) {
            clodo.reset();
        }
    }

    /** Closes every started stub, even if one fails to close; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<AutoCloseable> started = new ArrayList<>();
        if (clodo != null) {
            started.add(clodo);
        }
        if (endocs != null) {
            started.add(endocs);
        }
        if (nodul != null) {
            started.add(nodul);
        }
        RuntimeException failure = null;
        for (AutoCloseable stub : started) {
            try {
                stub.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing a Volga stub failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
