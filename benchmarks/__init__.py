"""Benchmarks: `make bench` prints throughput, latency and memory; nothing is asserted."""
