package dev.vigil.heartbeat;

/** A ping, with the monitor's interval at the time it arrived. */
public record HeartbeatPing(long intervalSeconds) {}
