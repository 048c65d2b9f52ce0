// Package s3test runs a real S3-wire server for tests: gofakes3, in memory, on a loopback
// port of the test process, spoken to over HTTP with AWS signatures like any S3 service (it
// accepts any credentials). Worker processes a test starts reach it at its endpoint.
package s3test

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

// Access key and secret the tests use (gofakes3 accepts any).
const (
	AccessKey = "ova-test-access"
	SecretKey = "ova-test-secret-0123456789"
)

// Server is a running S3-wire server.
type Server struct {
	// Endpoint is its base URL, http://127.0.0.1:PORT.
	Endpoint string
	Backend  *s3mem.Backend
	srv      *http.Server
}

// Start starts a server for the test's duration and sets the AWS credential variables for
// it in the test's environment (so not in parallel tests: see Serve).
func Start(t testing.TB) *Server {
	t.Helper()
	s := Serve(t)
	if tt, ok := t.(interface{ Setenv(string, string) }); ok {
		for _, kv := range s.env() {
			tt.Setenv(kv[0], kv[1])
		}
	}
	return s
}

// Serve starts a server for the test's duration; processes reach it with Env.
func Serve(t testing.TB) *Server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("s3test listen: %v", err)
	}
	be := s3mem.New()
	s := &Server{Endpoint: "http://" + ln.Addr().String(), Backend: be,
		srv: &http.Server{Handler: dechunk(gofakes3.New(be, gofakes3.WithAutoBucket(true)).Server())}}
	go s.srv.Serve(ln)
	t.Cleanup(func() { s.srv.Close() })
	return s
}

func (s *Server) env() [][2]string {
	return [][2]string{{"AWS_ACCESS_KEY_ID", AccessKey}, {"AWS_SECRET_ACCESS_KEY", SecretKey}, {"AWS_REGION", "us-east-1"}}
}

// Env is the credential variables, for processes the test starts.
func (s *Server) Env() []string {
	var out []string
	for _, kv := range s.env() {
		out = append(out, kv[0]+"="+kv[1])
	}
	return out
}

// URL is the --blobs URL of bucket/prefix on this server.
func (s *Server) URL(bucket, prefix string) string {
	return fmt.Sprintf("s3://%s/%s?endpoint=%s&region=us-east-1", bucket, prefix, url.QueryEscape(s.Endpoint))
}

// Keys lists the object keys in bucket under prefix.
func (s *Server) Keys(t testing.TB, bucket, prefix string) []string {
	t.Helper()
	list, err := s.Backend.ListBucket(bucket, &gofakes3.Prefix{Prefix: prefix, HasPrefix: true}, gofakes3.ListBucketPage{})
	if err != nil {
		t.Fatalf("list %s/%s: %v", bucket, prefix, err)
	}
	var out []string
	for _, c := range list.Contents {
		out = append(out, c.Key)
	}
	return out
}

// dechunk decodes request bodies sent with AWS's streaming signature (aws-chunked: each
// chunk "SIZE;chunk-signature=SIG\r\nDATA\r\n", ending in a chunk of size 0), which
// S3 clients use over plain HTTP and which gofakes3 decodes only for single-part uploads,
// not for the parts of a multipart upload.
func dechunk(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.Header.Get("X-Amz-Content-Sha256"), "STREAMING-") {
			next.ServeHTTP(w, r)
			return
		}
		body, err := decodeChunks(bufio.NewReader(r.Body))
		r.Body.Close()
		if err != nil {
			http.Error(w, "bad aws-chunked body: "+err.Error(), http.StatusBadRequest)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		r.ContentLength = int64(len(body))
		r.Header.Set("Content-Length", strconv.Itoa(len(body)))
		r.Header.Set("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD")
		r.Header.Del("X-Amz-Decoded-Content-Length")
		r.Header.Del("Content-Encoding")
		next.ServeHTTP(w, r)
	})
}

func decodeChunks(br *bufio.Reader) ([]byte, error) {
	var out bytes.Buffer
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			return nil, err
		}
		sizeHex, _, _ := strings.Cut(strings.TrimSpace(line), ";")
		n, err := strconv.ParseInt(sizeHex, 16, 64)
		if err != nil || n < 0 {
			return nil, fmt.Errorf("chunk size %q", sizeHex)
		}
		if n == 0 {
			return out.Bytes(), nil
		}
		if _, err := io.CopyN(&out, br, n); err != nil {
			return nil, err
		}
		if _, err := br.Discard(2); err != nil { // the chunk's CRLF
			return nil, err
		}
	}
}
