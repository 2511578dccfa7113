/**
 * The Hugging Face hub cache: {@link io.github.embeddings4j.llm.hub.HubOptions} says where and how to look, {@link
 * io.github.embeddings4j.llm.hub.HubCache} finds a model's snapshot in the cache layout or downloads the files it
 * needs into it.
 */
package io.github.embeddings4j.llm.hub;
