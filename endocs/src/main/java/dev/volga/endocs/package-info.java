/**
 * The EnDocs Cloud client: {@link dev.volga.endocs.EndocsClient} and its resource groups, the
 * models (records) and request bodies of the 1C exchange API, and EnDocs' own error types.
 */
package dev.volga.endocs;
