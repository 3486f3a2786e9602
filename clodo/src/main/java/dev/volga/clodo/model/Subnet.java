package dev.volga.clodo.model;


/**
 * A subnet an IP can be bought in.
 *
 * @param ipSubnet the subnet mask, e.g. {@code 62.76.176.*}
 * @param current whether the server is in it
 */
public record Subnet(
        String ipSubnet,
        Boolean current) {
}
