/** Not API: the envelope codec, data wrappers and argument checks. Not exported. */
package dev.volga.nodul.internal;
