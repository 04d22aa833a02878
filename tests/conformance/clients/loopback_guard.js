// The Node side of tests/support/network_guard.py: loaded with `NODE_OPTIONS=--require <this file>` into every
// Node process a conformance test starts (children inherit NODE_OPTIONS), it refuses any TCP connection or
// name lookup beyond loopback, and appends what it refused to $LOOPBACK_GUARD_LOG so the test can fail on it
// even when the refusal happens in a detached child (twilio-cli's update check) whose output nobody reads.
// A client that honours the env file's proxy only ever connects to 127.0.0.1.
"use strict";
const dns = require("dns");
const fs = require("fs");
const net = require("net");

function isLoopback(host) {
  if (host === undefined || host === null || host === "" || host === "localhost") return true;
  return net.isIP(host) !== 0 && (/^127\./.test(host) || host === "::1" || host === "::ffff:127.0.0.1");
}

function refuse(what, host) {
  const message = `loopback guard: refused ${what} ${host} (pid ${process.pid}: ${process.argv.slice(1).join(" ")})`;
  if (process.env.LOOPBACK_GUARD_LOG) fs.appendFileSync(process.env.LOOPBACK_GUARD_LOG, message + "\n");
  return new Error(message);
}

function hostOf(args) {
  let first = args[0];
  if (Array.isArray(first)) first = first[0]; // the internal [options, callback] form
  if (first !== null && typeof first === "object") return first.path ? "localhost" : first.host;
  if (typeof first === "number" || /^\d+$/.test(String(first))) return typeof args[1] === "string" ? args[1] : "localhost";
  return "localhost"; // a path: a Unix socket
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const host = hostOf(args);
  if (!isLoopback(host)) throw refuse("connection to", host);
  return connect.apply(this, args);
};

for (const name of ["lookup", "resolve", "resolve4", "resolve6", "resolveAny"]) {
  const real = dns[name];
  dns[name] = function guardedLookup(host, ...rest) {
    if (!isLoopback(host)) throw refuse("lookup of", host);
    return real.call(this, host, ...rest);
  };
  const realPromise = dns.promises[name];
  dns.promises[name] = function guardedPromiseLookup(host, ...rest) {
    if (!isLoopback(host)) return Promise.reject(refuse("lookup of", host));
    return realPromise.call(this, host, ...rest);
  };
}
