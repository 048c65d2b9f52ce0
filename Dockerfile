# Open Video Agent: one binary plus ffmpeg, espeak-ng, Festival and fonts, on Debian slim.
#
#   docker build -t videoagent .
#   docker run -d --name videoagent -p 8080:8080 -v videoagent-data:/data \
#     -e VIDEOAGENT_API_KEY=change-me videoagent
#
# The system packages are those of scripts/install-deps.sh (without --test, which adds what
# only the tests need), in the same order; a test (deploy_test.go) keeps the lists equal.
# Both stages install them: the build needs the C libraries' headers (cgo) and the runtime
# the libraries and tools. compose.yaml builds this image for the API and the workers.
ARG PACKAGES="ffmpeg espeak-ng libespeak-ng-dev flite1-dev libx264-dev festival festvox-us-slt-hts gcc pkg-config poppler-utils fonts-noto-core fonts-noto-cjk fonts-inter fonts-roboto fonts-dejavu-core curl ca-certificates"

FROM golang:1.26-bookworm AS build
ARG PACKAGES
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $PACKAGES \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=1 go build -trimpath -ldflags "-s -w" -o /out/videoagent ./cmd/videoagent

FROM debian:bookworm-slim
ARG PACKAGES
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $PACKAGES \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --user-group --home-dir /data --shell /usr/sbin/nologin videoagent \
 && mkdir -p /data && chown videoagent:videoagent /data
COPY --from=build /out/videoagent /usr/local/bin/videoagent
USER videoagent
ENV VIDEOAGENT_ADDR=0.0.0.0:8080 \
    VIDEOAGENT_DATA=/data \
    VIDEOAGENT_LOG_FORMAT=json \
    HOME=/data
VOLUME /data
EXPOSE 8080
# Liveness: the process answers. Readiness (database, queue, ffmpeg) is /readyz, for load
# balancers and orchestrators that route traffic.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["videoagent"]
CMD ["serve"]
