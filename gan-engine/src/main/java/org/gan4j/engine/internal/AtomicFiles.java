package org.gan4j.engine.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Files a reader may open at any moment (board pages, evaluation reports, experiment summaries): written to a
 * temporary file beside the target and renamed, so a reader sees the old file or the new one, never half of one.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * Replaces {@code target} with {@code bytes} whole or not at all; the temporary file never stays behind.
     *
     * @param target the file
     * @param bytes its new content
     * @throws IOException when it cannot be written
     */
    public static void write(Path target, byte[] bytes) throws IOException {
        // not createTempFile: its owner-only permissions would stay on the file; the pid keeps two writers apart
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
