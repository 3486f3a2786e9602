package dev.volga.clodo.model;


/**
 * The progress of a backup restore.
 *
 * @param progress percent done
 */
public record RestoreProgress(
        Integer progress) {
}
