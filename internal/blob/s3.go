package blob

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	videoagent "github.com/openvideoagent/videoagent"
)

// S3 is a BlobStore in a bucket of any S3-compatible service (AWS S3, MinIO, SeaweedFS,
// Ceph, R2, ...), under a key prefix. Any number of processes on any number of machines may
// share one.
type S3 struct {
	client *minio.Client
	bucket string
	prefix string // "" or ending in "/"
}

var _ videoagent.BlobStore = (*S3)(nil)

// partSize is the size of one part of a streamed upload of unknown length: what one upload
// holds in memory at most.
const partSize = 16 << 20

// NewS3 opens the store a URL names:
//
//	s3://BUCKET/PREFIX?endpoint=http://HOST:PORT&region=REGION
//
// endpoint defaults to AWS (https://s3.amazonaws.com); its scheme says whether to use TLS.
// A custom endpoint is addressed path-style (http://HOST/BUCKET/KEY), as most self-hosted
// servers want; path_style=false asks for virtual-host style. Credentials come from the
// usual AWS variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN). The
// bucket is created when it does not exist.
func NewS3(ctx context.Context, rawURL string) (*S3, error) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Scheme != "s3" || u.Host == "" {
		return nil, fmt.Errorf("blobs URL %q: want s3://BUCKET/PREFIX?endpoint=...&region=...", rawURL)
	}
	q := u.Query()
	endpoint := q.Get("endpoint")
	secure := true
	host := "s3.amazonaws.com"
	pathStyle := false
	if endpoint != "" {
		pathStyle = true
		if !strings.Contains(endpoint, "://") {
			endpoint = "https://" + endpoint
		}
		eu, err := url.Parse(endpoint)
		if err != nil || eu.Host == "" || (eu.Scheme != "http" && eu.Scheme != "https") {
			return nil, fmt.Errorf("blobs URL: endpoint %q is not http(s)://HOST[:PORT]", q.Get("endpoint"))
		}
		host, secure = eu.Host, eu.Scheme == "https"
	}
	if v := q.Get("path_style"); v != "" {
		pathStyle = v == "true" || v == "1"
	}
	lookup := minio.BucketLookupDNS
	if pathStyle {
		lookup = minio.BucketLookupPath
	}
	client, err := minio.New(host, &minio.Options{
		Creds:        credentials.NewEnvAWS(),
		Secure:       secure,
		Region:       q.Get("region"),
		BucketLookup: lookup,
	})
	if err != nil {
		return nil, fmt.Errorf("s3 client: %w", err)
	}
	prefix := strings.Trim(u.Path, "/")
	if prefix != "" {
		prefix += "/"
	}
	s := &S3{client: client, bucket: u.Host, prefix: prefix}
	ok, err := client.BucketExists(ctx, s.bucket)
	if err != nil {
		return nil, fmt.Errorf("s3 bucket %s: %w", s.bucket, err)
	}
	if !ok {
		if err := client.MakeBucket(ctx, s.bucket, minio.MakeBucketOptions{Region: q.Get("region")}); err != nil {
			return nil, fmt.Errorf("s3 create bucket %s: %w", s.bucket, err)
		}
	}
	return s, nil
}

// key maps a store key to an object key, refusing keys that would leave the prefix.
func (s *S3) key(key string) (string, error) {
	clean := path.Clean("/" + key)
	if key == "" || strings.Contains(key, "..") || clean == "/" {
		return "", videoagent.Errorf(videoagent.ENOTFOUND, "File not found.")
	}
	return s.prefix + strings.TrimPrefix(clean, "/"), nil
}

// Put implements videoagent.BlobStore. It streams r in parts of 16 MiB (a multipart upload
// when longer); S3 makes the object visible whole, or not at all.
func (s *S3) Put(ctx context.Context, key string, r io.Reader) error {
	k, err := s.key(key)
	if err != nil {
		return err
	}
	if _, err := s.client.PutObject(ctx, s.bucket, k, r, -1, minio.PutObjectOptions{PartSize: partSize}); err != nil {
		return fmt.Errorf("blob put %s: %w", key, err)
	}
	return nil
}

// Open implements videoagent.BlobStore. The object is read in ranges as it is read and
// sought, so serving a Range request does not fetch the whole file.
func (s *S3) Open(ctx context.Context, key string) (videoagent.Blob, error) {
	k, err := s.key(key)
	if err != nil {
		return nil, err
	}
	// The object outlives the request that opened it only as long as the caller holds it;
	// it is not tied to ctx's cancellation after Open returns.
	obj, err := s.client.GetObject(context.WithoutCancel(ctx), s.bucket, k, minio.GetObjectOptions{})
	if err != nil {
		return nil, fmt.Errorf("blob open %s: %w", key, err)
	}
	info, err := obj.Stat()
	if err != nil {
		obj.Close()
		if minio.ToErrorResponse(err).Code == minio.NoSuchKey || minio.ToErrorResponse(err).StatusCode == 404 {
			return nil, videoagent.Errorf(videoagent.ENOTFOUND, "File not found.")
		}
		return nil, fmt.Errorf("blob open %s: %w", key, err)
	}
	return s3Blob{Object: obj, info: info}, nil
}

type s3Blob struct {
	*minio.Object
	info minio.ObjectInfo
}

func (b s3Blob) Size() int64        { return b.info.Size }
func (b s3Blob) ModTime() time.Time { return b.info.LastModified }

// Delete implements videoagent.BlobStore.
func (s *S3) Delete(ctx context.Context, key string) error {
	k, err := s.key(key)
	if err != nil {
		return nil
	}
	if err := s.client.RemoveObject(ctx, s.bucket, k, minio.RemoveObjectOptions{}); err != nil && minio.ToErrorResponse(err).Code != minio.NoSuchKey {
		return fmt.Errorf("blob delete %s: %w", key, err)
	}
	return nil
}

// PresignedURL returns a URL that fetches key directly from the S3 service for ttl, for
// operators who would rather clients download from the bucket than through the API.
func (s *S3) PresignedURL(ctx context.Context, key string, ttl time.Duration) (string, error) {
	k, err := s.key(key)
	if err != nil {
		return "", err
	}
	u, err := s.client.PresignedGetObject(ctx, s.bucket, k, ttl, nil)
	if err != nil {
		return "", fmt.Errorf("presign %s: %w", key, err)
	}
	return u.String(), nil
}

// Open opens the store a --blobs value names: an s3:// URL, or a local directory (a path or
// a file:// URL).
func Open(ctx context.Context, spec string) (videoagent.BlobStore, error) {
	switch {
	case strings.HasPrefix(spec, "s3://"):
		return NewS3(ctx, spec)
	case strings.HasPrefix(spec, "file://"):
		return NewLocal(strings.TrimPrefix(spec, "file://"))
	case strings.Contains(spec, "://"):
		return nil, fmt.Errorf("blobs %q: want a directory or s3://BUCKET/PREFIX?endpoint=...", spec)
	}
	return NewLocal(spec)
}
