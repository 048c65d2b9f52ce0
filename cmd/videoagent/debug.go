package main

import (
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
)

// startDebug serves net/http/pprof on VIDEOAGENT_DEBUG_ADDR (e.g. 127.0.0.1:6060) when it
// is set: goroutines, heap and CPU profiles for an operator, and the soak test's goroutine
// count. It is off by default and never on the API's address.
func startDebug(log *slog.Logger) {
	addr := os.Getenv("VIDEOAGENT_DEBUG_ADDR")
	if addr == "" {
		return
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		log.Warn("debug listener", "addr", addr, "err", err)
		return
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	log.Info("debug profiles", "addr", ln.Addr().String())
	go http.Serve(ln, mux)
}
