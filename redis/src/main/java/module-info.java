/**
 * Fleet mode: the quota, the server's pause and the login token of a credential shared by every
 * instance of a service through Redis (Lettuce). Start with {@link dev.volga.redis.RedisSharedState}.
 */
module dev.volga.redis {
    requires transitive dev.volga.transport;
    requires transitive lettuce.core;
    // Lettuce is an automatic module and declares no requires: SLF4J, which its command path logs
    // through, must be put on the module graph by us
    requires org.slf4j;

    exports dev.volga.redis;
}
