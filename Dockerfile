# Open Video Agent in a container: the one binary with ffmpeg, espeak-ng, Festival and fonts
# (installed by the project's own scripts/install-deps.sh). Used by compose.yaml.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY scripts/install-deps.sh scripts/
RUN scripts/install-deps.sh
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -o /videoagent ./cmd/videoagent

FROM debian:bookworm-slim
COPY scripts/install-deps.sh /tmp/install-deps.sh
RUN /tmp/install-deps.sh && rm -rf /var/lib/apt/lists/* /tmp/install-deps.sh
COPY --from=build /videoagent /usr/local/bin/videoagent
RUN useradd --system --home /var/lib/videoagent --create-home videoagent
USER videoagent
WORKDIR /var/lib/videoagent
ENTRYPOINT ["videoagent"]
