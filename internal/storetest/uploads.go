package storetest

import (
	"context"
	"testing"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
)

// testUploads checks direct uploads: fields round-trip, updates stick, another account's
// upload is not found, and the signed URL's lookup (no account) finds it.
func testUploads(t *testing.T, newStore Factory) {
	ctx := context.Background()
	s, id := newStore(t)
	a, _ := s.CreateAccount(ctx, "a")
	b, _ := s.CreateAccount(ctx, "b")
	u := &videoagent.Upload{ID: id(), AccountID: a.ID, Name: "big.mp4", DeclaredType: "video/mp4", DeclaredSize: 100 << 20,
		DeclaredSHA256: "ab", Status: videoagent.UploadPending, ExpiresAt: time.Now().Add(time.Hour)}
	if err := s.CreateUpload(ctx, u); err != nil {
		t.Fatal(err)
	}
	got, err := s.Upload(ctx, a.ID, u.ID)
	if err != nil || got.Name != "big.mp4" || got.DeclaredSize != 100<<20 || got.Status != videoagent.UploadPending || got.ExpiresAt.Unix() != u.ExpiresAt.Unix() {
		t.Fatalf("Upload = %+v, %v", got, err)
	}
	if _, err := s.Upload(ctx, b.ID, u.ID); videoagent.ErrorCode(err) != videoagent.ENOTFOUND {
		t.Fatalf("other account reads upload: %v", err)
	}
	if got, err := s.UploadByID(ctx, u.ID); err != nil || got.AccountID != a.ID {
		t.Fatalf("UploadByID = %+v, %v", got, err)
	}
	refusesNoAccount(t, "Upload", func() error { _, err := s.Upload(ctx, "", u.ID); return err })
	got.Status, got.BlobKey, got.SizeBytes, got.SHA256 = videoagent.UploadUploaded, "uploads/x", 42, "cd"
	if err := s.UpdateUpload(ctx, got); err != nil {
		t.Fatal(err)
	}
	if again, _ := s.Upload(ctx, a.ID, u.ID); again.Status != videoagent.UploadUploaded || again.SizeBytes != 42 || again.SHA256 != "cd" || again.BlobKey != "uploads/x" {
		t.Fatalf("updated upload = %+v", again)
	}
	other := *got
	other.AccountID = b.ID
	if err := s.UpdateUpload(ctx, &other); videoagent.ErrorCode(err) != videoagent.ENOTFOUND {
		t.Fatalf("other account updates upload: %v", err)
	}
}
