package blob_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"io"
	"testing"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/blob"
	"github.com/openvideoagent/videoagent/internal/blob/s3test"
)

// stores are the blob stores the shared tests run on: a local directory and a bucket on a
// real S3-wire server.
var stores = []struct {
	name string
	open func(t *testing.T) videoagent.BlobStore
}{
	{"local", func(t *testing.T) videoagent.BlobStore {
		s, err := blob.Open(context.Background(), t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		return s
	}},
	{"s3", func(t *testing.T) videoagent.BlobStore {
		srv := s3test.Start(t)
		s, err := blob.Open(context.Background(), srv.URL("videos", "team-a"))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}},
}

// onlyReader hides every method but Read, so a store cannot learn the length up front.
type onlyReader struct{ r io.Reader }

func (o onlyReader) Read(p []byte) (int, error) { return o.r.Read(p) }

func TestBlobStore(t *testing.T) {
	for _, st := range stores {
		t.Run(st.name, func(t *testing.T) {
			ctx := context.Background()
			s := st.open(t)
			if _, err := s.Open(ctx, "videos/missing.mp4"); videoagent.ErrorCode(err) != videoagent.ENOTFOUND {
				t.Fatalf("open missing: %v, want ENOTFOUND", err)
			}
			if err := s.Put(ctx, "videos/a.txt", bytes.NewReader([]byte("first"))); err != nil {
				t.Fatal(err)
			}
			if err := s.Put(ctx, "videos/a.txt", bytes.NewReader([]byte("0123456789"))); err != nil {
				t.Fatal(err)
			}
			b, err := s.Open(ctx, "videos/a.txt")
			if err != nil {
				t.Fatal(err)
			}
			if b.Size() != 10 || b.ModTime().IsZero() {
				t.Errorf("size %d, mod time %v", b.Size(), b.ModTime())
			}
			if _, err := b.Seek(4, io.SeekStart); err != nil {
				t.Fatal(err)
			}
			rest, _ := io.ReadAll(b)
			b.Close()
			if string(rest) != "456789" {
				t.Errorf("after a seek to 4 read %q, want 456789 (a replaced file reads whole and new)", rest)
			}
			// A file longer than one upload part, of a length the store is not told: streamed.
			big := make([]byte, 17<<20+12345)
			rand.Read(big)
			if err := s.Put(ctx, "assets/big.bin", onlyReader{bytes.NewReader(big)}); err != nil {
				t.Fatal(err)
			}
			b, err = s.Open(ctx, "assets/big.bin")
			if err != nil {
				t.Fatal(err)
			}
			got, _ := io.ReadAll(b)
			b.Close()
			if !bytes.Equal(got, big) || b.Size() != int64(len(big)) {
				t.Fatalf("big file read back %d bytes (size %d), want the %d written", len(got), b.Size(), len(big))
			}
			for _, bad := range []string{"", "../etc/passwd", "a/../../b"} {
				if _, err := s.Open(ctx, bad); videoagent.ErrorCode(err) != videoagent.ENOTFOUND {
					t.Errorf("open %q: %v, want ENOTFOUND", bad, err)
				}
			}
			if err := s.Delete(ctx, "videos/a.txt"); err != nil {
				t.Fatal(err)
			}
			if err := s.Delete(ctx, "videos/a.txt"); err != nil {
				t.Fatalf("deleting a missing key: %v", err)
			}
			if _, err := s.Open(ctx, "videos/a.txt"); videoagent.ErrorCode(err) != videoagent.ENOTFOUND {
				t.Fatalf("open deleted: %v, want ENOTFOUND", err)
			}
		})
	}
}

// TestS3KeysUnderPrefix: objects land in the bucket under the URL's prefix, and a presigned
// URL names the object.
func TestS3KeysUnderPrefix(t *testing.T) {
	ctx := context.Background()
	srv := s3test.Start(t)
	s, err := blob.NewS3(ctx, srv.URL("media", "prod/eu"))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Put(ctx, "videos/v1.mp4", bytes.NewReader([]byte("mp4"))); err != nil {
		t.Fatal(err)
	}
	keys := srv.Keys(t, "media", "")
	if len(keys) != 1 || keys[0] != "prod/eu/videos/v1.mp4" {
		t.Fatalf("keys in bucket = %v, want [prod/eu/videos/v1.mp4]", keys)
	}
	u, err := s.PresignedURL(ctx, "videos/v1.mp4", 0)
	if err == nil {
		t.Fatalf("presigned with no expiry: %s", u)
	}
	if _, err := blob.NewS3(ctx, "s3://"); err == nil {
		t.Fatal("an s3 URL without a bucket was accepted")
	}
	if _, err := blob.Open(ctx, "gs://bucket"); err == nil {
		t.Fatal("an unknown scheme was accepted")
	}
}
