package dev.volga.clodo.model;

/** The two kinds of Clodo servers, as the {@code type} / {@code vps_type} strings. */
public final class ServerType {

    /** Fixed resources, prepaid by hour or month. */
    public static final String VIRTUAL = "VirtualServer";
    /** Auto-scaling memory, billed by use. */
    public static final String SCALE = "ScaleServer";

    private ServerType() {
    }
}
