package storetest

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
)

// testOwnLooks checks the looks accounts design: fields round-trip, lists are per account
// and newest first, and another account's look is avatar_not_found everywhere.
func testOwnLooks(t *testing.T, newStore Factory) {
	ctx := context.Background()
	s, _ := newStore(t)
	a, _ := s.CreateAccount(ctx, "a")
	b, _ := s.CreateAccount(ctx, "b")
	var ids []string
	for i, name := range []string{"first", "second"} {
		l := &videoagent.OwnLook{AccountID: a.ID, Name: name, Kind: videoagent.OwnLookPrompt, Gender: "female", Description: "a woman",
			Params: json.RawMessage(`{"gender":"female"}`), Unplaced: []string{"unicorn"}, Tags: []string{"friendly"}, DefaultVoiceID: "v"}
		if err := s.CreateOwnLook(ctx, l); err != nil {
			t.Fatal(err)
		}
		if !videoagent.IsOwnLookID(l.ID) || l.CreatedAt.IsZero() {
			t.Fatalf("look %d: id %q, created %v", i, l.ID, l.CreatedAt)
		}
		ids = append(ids, l.ID)
		time.Sleep(time.Millisecond)
	}
	got, err := s.OwnLook(ctx, a.ID, ids[0])
	if err != nil || got.Name != "first" || string(got.Params) != `{"gender":"female"}` || len(got.Unplaced) != 1 || got.Tags[0] != "friendly" || got.DefaultVoiceID != "v" {
		t.Fatalf("OwnLook = %+v, %v", got, err)
	}
	if _, err := s.OwnLook(ctx, b.ID, ids[0]); videoagent.ErrorCode(err) != videoagent.EAVATARNOTFOUND {
		t.Fatalf("other account reads look: %v", err)
	}
	if l, err := s.OwnLookByID(ctx, ids[0]); err != nil || l.AccountID != a.ID {
		t.Fatalf("OwnLookByID = %+v, %v", l, err)
	}
	refusesNoAccount(t, "OwnLook", func() error { _, err := s.OwnLook(ctx, "", ids[0]); return err })
	if l, _ := s.ListOwnLooks(ctx, a.ID); len(l) != 2 || l[0].ID != ids[1] {
		t.Fatalf("ListOwnLooks = %d looks", len(l))
	}
	if l, _ := s.ListOwnLooks(ctx, b.ID); len(l) != 0 {
		t.Fatalf("other account lists %d looks", len(l))
	}
	got.Name, got.Params = "renamed", json.RawMessage(`{"gender":"male"}`)
	if err := s.UpdateOwnLook(ctx, got); err != nil {
		t.Fatal(err)
	}
	if l, _ := s.OwnLook(ctx, a.ID, ids[0]); l.Name != "renamed" || string(l.Params) != `{"gender":"male"}` {
		t.Fatalf("updated look = %+v", l)
	}
	other := *got
	other.AccountID = b.ID
	if err := s.UpdateOwnLook(ctx, &other); videoagent.ErrorCode(err) != videoagent.EAVATARNOTFOUND {
		t.Fatalf("other account updates look: %v", err)
	}
	if err := s.DeleteOwnLook(ctx, b.ID, ids[0]); videoagent.ErrorCode(err) != videoagent.EAVATARNOTFOUND {
		t.Fatalf("other account deletes look: %v", err)
	}
	if err := s.DeleteOwnLook(ctx, a.ID, ids[0]); err != nil {
		t.Fatal(err)
	}
	if _, err := s.OwnLook(ctx, a.ID, ids[0]); videoagent.ErrorCode(err) != videoagent.EAVATARNOTFOUND {
		t.Fatalf("deleted look: %v", err)
	}
}
