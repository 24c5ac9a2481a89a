// Preload for CLI child processes in tests (NODE_OPTIONS=--require …): makes `*.localhost` resolve
// to 127.0.0.1, as systemd-resolved does, so the emulator's queue URLs work in a separate process.
require("tsx/cjs");
require("../../../sim/aws/localhost-dns").resolveLocalhostSubdomains();
