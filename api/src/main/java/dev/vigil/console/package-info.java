/**
 * The console: server-rendered pages for every role, at {@code /} behind the login
 * (docs/decisions/0046). Pages are an edge like the REST controllers: they read and act through the
 * same domain readers and actions, never SQL of their own, and every route's roles are declared
 * with the API's in {@code SecurityConfiguration}.
 */
package dev.vigil.console;
