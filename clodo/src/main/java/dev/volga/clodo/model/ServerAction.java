package dev.volga.clodo.model;

import java.util.Objects;

/**
 * A power or reinstall action for {@code POST /servers/{id}/action}.
 *
 * @param name {@code start}, {@code stop}, {@code reboot} or {@code rebuild}
 * @param imageId the image to reinstall with (rebuild only)
 * @param installIsp whether to install ISPmanager (rebuild only)
 */
public record ServerAction(String name, Long imageId, Boolean installIsp) {

    /** Start the server. */
    public static final ServerAction START = new ServerAction("start", null, null);
    /** Stop the server. */
    public static final ServerAction STOP = new ServerAction("stop", null, null);
    /** Reboot the server. */
    public static final ServerAction REBOOT = new ServerAction("reboot", null, null);

    /**
     * Validates the action.
     *
     * @param name {@code start}, {@code stop}, {@code reboot} or {@code rebuild}
     * @param imageId the image to reinstall with (rebuild only)
     * @param installIsp whether to install ISPmanager (rebuild only)
     */
    public ServerAction {
        Objects.requireNonNull(name, "name");
        if (name.equals("rebuild")) {
            if (imageId == null || imageId <= 0) {
                throw new IllegalArgumentException("rebuild needs a positive imageId, was " + imageId);
            }
        } else if (!(name.equals("start") || name.equals("stop") || name.equals("reboot"))) {
            throw new IllegalArgumentException("unknown action '" + name + "' (start, stop, reboot, rebuild)");
        } else if (imageId != null || installIsp != null) {
            throw new IllegalArgumentException("only rebuild takes an image");
        }
    }

    /**
     * @param imageId the OS image
     * @param installIsp whether to install ISPmanager
     * @return a reinstall action
     */
    public static ServerAction rebuild(long imageId, boolean installIsp) {
        return new ServerAction("rebuild", imageId, installIsp);
    }
}
