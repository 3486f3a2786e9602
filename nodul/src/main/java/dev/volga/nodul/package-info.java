/**
 * The Nodul White Label API client: {@link dev.volga.nodul.NodulClient} and its resource groups
 * ({@link dev.volga.nodul.Quotas}, {@link dev.volga.nodul.Plans}, {@link dev.volga.nodul.Subscriptions},
 * {@link dev.volga.nodul.Users}, {@link dev.volga.nodul.Reports}, {@link dev.volga.nodul.Billing},
 * {@link dev.volga.nodul.Spaces}, {@link dev.volga.nodul.Scenarios}) with the query builders of the
 * list and report endpoints.
 */
package dev.volga.nodul;
