/**
 * For provider authors and state stores: the contracts a Volga client is built from and the stores
 * it keeps state in. Users of the clients do not need this package.
 */
package dev.volga.transport.spi;

