/**
 * The ClodoAPI 1.0 client: {@link dev.volga.clodo.ClodoClient} and its resource groups
 * ({@link dev.volga.clodo.Servers}, {@link dev.volga.clodo.Backups}, {@link dev.volga.clodo.Ips},
 * {@link dev.volga.clodo.Dns}, {@link dev.volga.clodo.Helpdesk}, {@link dev.volga.clodo.Users},
 * {@link dev.volga.clodo.Storages}, {@link dev.volga.clodo.Requests}, {@link dev.volga.clodo.Billing},
 * {@link dev.volga.clodo.Images}, {@link dev.volga.clodo.Limits}).
 */
package dev.volga.clodo;
