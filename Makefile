# Open Video Agent. `make run` makes a sample video; `make test` runs every test.
SHELL := /bin/bash
export PATH := $(PATH):/usr/local/go/bin

BIN      := bin/videoagent
GOFLAGS  ?=
TESTTIME ?= 15m

.PHONY: all deps deps-test build run demo test test-short vet fmt bench bench-render bench-e2e clean fuzz test-e2e-scale bench-scale race bench-load soak chaos

all: build

deps:
	@scripts/install-deps.sh
	@scripts/check-go.sh

## deps-test: deps, and what only the tests need (a browser, sox, heif-enc, ...).
deps-test:
	@scripts/install-deps.sh --test
	@scripts/check-go.sh

build: deps
	go build $(GOFLAGS) -o $(BIN) ./cmd/videoagent

## run: install what is missing, build, start the server on ./data with a bootstrap key,
## make a sample video, print where the MP4 is, and keep serving (Ctrl-C stops).
run: build
	@scripts/run.sh

## demo: like run, but stops the server once the sample video is made.
demo: build
	@KEEP_RUNNING=0 scripts/run.sh

## test: install what is missing and run every test (what CI runs).
test: deps-test
	go vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { echo "gofmt needed:"; gofmt -l .; exit 1; }
	go test -count=1 -timeout $(TESTTIME) ./...
	@# The plain-Go build of the SIMD kernels: every package again, and the e2e main flows
	@# on a server built with the tag (see e2e/purego_test.go).
	go test -count=1 -timeout $(TESTTIME) -tags purego ./...
	$(MAKE) --no-print-directory test-e2e-scale
	$(MAKE) --no-print-directory fuzz FUZZTIME=10s
	$(MAKE) --no-print-directory race

## test-e2e-scale: the e2e suite's main flows (create, chat, direct, assets, webhooks, limits)
## on PostgreSQL + S3 instead of SQLite + a local directory (SCALE_E2E=... picks others: the
## killed-server, pagination and studio tests pass there too).
SCALE_E2E ?= TestVideoEndToEnd|TestChatConversation|TestDirectAvatarScript|TestAssets|TestWebhook|TestJobLimit|TestRateLimit
test-e2e-scale:
	OVA_E2E_BACKEND=scale go test -count=1 -timeout 10m -run '$(SCALE_E2E)' ./e2e

## fuzz: run each fuzz target for FUZZTIME (CI runs them briefly; the corpus is committed).
FUZZTIME ?= 60s
fuzz:
	go test -run '^$$' -fuzz '^FuzzStoryboardValidate$$' -fuzztime $(FUZZTIME) .
	go test -run '^$$' -fuzz '^FuzzCreateRequest$$' -fuzztime $(FUZZTIME) ./internal/http
	go test -run '^$$' -fuzz '^FuzzKernels$$' -fuzztime $(FUZZTIME) ./render

## race: the race detector over the packages with concurrency (jobs, webhook, http,
## pipeline, preview, render's concurrent encoder, frame pool and cancellation tests (the rest
## of render is too slow under -race for CI), and a whole server shut down after a video
## leaving no goroutine).
RACE_RENDER := TestFrameWriterFramesReusable|TestPixelPool|TestCancelWhileEncoding|TestScenesLaidOutOnce|TestSoundtrackMarksCachedPiecesUsed|TestCancelledRenderLeavesNothing
race:
	go test -race -short -count=1 -timeout $(TESTTIME) ./internal/jobs ./webhook ./internal/http ./internal/pipeline ./internal/preview
	go test -race -short -count=1 -timeout $(TESTTIME) -run '^($(RACE_RENDER))$$' ./render
	go test -race -count=1 -timeout $(TESTTIME) -run '^TestServeShutdownLeavesNoGoroutine$$' ./cmd/videoagent

## bench-load: API read latency (p50/p99) through the real binary, idle and while both
## render workers are busy; OVA_BENCH_REQUESTS reads per phase (default 3000).
bench-load: deps
	OVA_BENCH_LOAD=1 go test -count=1 -run '^TestBenchLoad$$' -v -timeout 30m ./e2e

## soak: a steady mix (videos, chat turns, downloads, webhooks with retries, uploads) for
## SOAK_DURATION (default 1h), sampling memory, open files, threads and goroutines every
## minute.
SOAK_DURATION ?= 1h
soak: deps
	OVA_SOAK=$(SOAK_DURATION) go test -count=1 -run '^TestSoak$$' -v -timeout 3h ./e2e

## chaos: SIGKILL the server at CHAOS_KILLS random points of a mixed workload and check
## that nothing accepted is lost or rendered twice and nothing is left behind (make test
## runs 3 kills).
CHAOS_KILLS ?= 20
chaos: deps
	OVA_CHAOS_KILLS=$(CHAOS_KILLS) go test -count=1 -run '^TestChaos$$' -v -timeout 30m ./e2e

test-short: deps-test
	go test -count=1 -short ./...

## bench: speed figures (render time / video duration, speech real-time factor, ...).
bench: deps
	go test -run '^$$' -bench . -benchtime 1x -timeout 30m ./...

## bench-render: the renderer's speed figures for the standard 60 s storyboard at 720p30 and
## 1080p30 (render time / video duration next to the floor: x264 on the same frames plus the
## AAC encode of the same mix, and the x264-only floor for comparison; revision of one scene
## of six; the best of OVA_BENCH_ROUNDS interleaved rounds, default 3), a 30 s transparent
## WebM (VP9 with alpha) at 720p30 and 1080p30, then the peak memory of a 10-minute 1080p render.
bench-render: deps
	go test -run '^$$' -bench 'RenderSpeed|WebMSpeed' -benchtime 1x -timeout 30m ./render
	OVA_BENCH_LONG=1 go test -run '^$$' -bench 'RenderMemory10min' -benchtime 1x -timeout 30m ./render

## bench-e2e: what a client sees, through the real binary's HTTP API: request to completed
## video / video length for 30 s and 60 s videos (agent at 720p30; 1080p30 with direct
## videos), the first video after `serve` starts, a chat revision of one scene of six as a
## share of the first render, and 10 concurrent 20 s videos (video-seconds per wall-second),
## each split into the stages the server logs; best of OVA_BENCH_ROUNDS rounds, default 3.
bench-e2e: deps
	OVA_BENCH_E2E=1 go test -count=1 -run '^$$' -bench 'E2ESpeed' -benchtime 1x -timeout 30m ./e2e

## bench-scale: one 3-minute video and 12 short videos on 1 vs 2 worker processes pinned to
## separate cores (taskset), on PostgreSQL + S3; reports each time and the speed-ups.
bench-scale: deps
	OVA_BENCH_SCALE=1 go test -count=1 -run '^$$' -bench 'ScaleOut' -benchtime 1x -timeout 60m ./e2e

vet:
	go vet ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

clean:
	rm -rf bin
