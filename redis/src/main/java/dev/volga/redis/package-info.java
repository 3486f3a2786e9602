/**
 * Fleet mode on Redis: {@link dev.volga.redis.RedisSharedState} implements the transport's
 * {@link dev.volga.transport.spi.SharedState}, so that every instance of a service that uses one API key
 * shares one quota, one server pause and one login.
 *
 * <pre>{@code
 * RedisSharedState fleet = RedisSharedState.builder("redis://redis.internal:6379").build();
 * EndocsClient endocs = EndocsClient.builder().token(token).sharedState(fleet).build();
 * }</pre>
 */
package dev.volga.redis;
