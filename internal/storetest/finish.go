package storetest

import (
	"context"
	"testing"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
)

// testFinishVideo: a video's ending, its session's and the session's message are written
// together; a failed write leaves all three as they were; a session that is gone does not
// keep the video from ending.
func testFinishVideo(t *testing.T, newStore Factory) {
	ctx := context.Background()
	s, id := newStore(t)
	a, _ := s.CreateAccount(ctx, "a")
	se := newSession(a.ID, id(), time.Now())
	v := &videoagent.Video{ID: id(), AccountID: a.ID, SessionID: se.ID, Status: videoagent.VideoProcessing}
	if err := s.CreateSession(ctx, se, v, nil); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	m := &videoagent.Message{Role: videoagent.RoleModel, Type: videoagent.MessageResource, Content: "Your video is ready."}
	if err := s.FinishVideo(ctx, v.ID, videoagent.VideoUpdate{Status: videoagent.Ptr(videoagent.VideoCompleted), Duration: videoagent.Ptr(12.5), CompletedAt: &now},
		se.ID, videoagent.SessionUpdate{Status: videoagent.Ptr(videoagent.SessionCompleted), Progress: videoagent.Ptr(100)}, m); err != nil {
		t.Fatal(err)
	}
	gv, _ := s.VideoByID(ctx, v.ID)
	gs, _ := s.SessionByID(ctx, se.ID)
	ms, _ := s.Messages(ctx, se.ID, 10)
	if gv.Status != videoagent.VideoCompleted || gv.Duration != 12.5 || gs.Status != videoagent.SessionCompleted || gs.Progress != 100 {
		t.Fatalf("after FinishVideo: video %+v, session %+v", gv, gs)
	}
	if len(ms) != 1 || ms[0].Content != "Your video is ready." || ms[0].SessionID != se.ID || m.ID == "" {
		t.Fatalf("messages after FinishVideo: %+v", ms)
	}

	// A missing video: nothing changes, the session's update and message included.
	err := s.FinishVideo(ctx, id(), videoagent.VideoUpdate{Status: videoagent.Ptr(videoagent.VideoFailed)},
		se.ID, videoagent.SessionUpdate{Status: videoagent.Ptr(videoagent.SessionFailed)}, &videoagent.Message{Role: videoagent.RoleModel, Type: videoagent.MessageError, Content: "x"})
	if videoagent.ErrorCode(err) != videoagent.EVIDEONOTFOUND {
		t.Fatalf("FinishVideo of a missing video: %v", err)
	}
	gs, _ = s.SessionByID(ctx, se.ID)
	ms, _ = s.Messages(ctx, se.ID, 10)
	if gs.Status != videoagent.SessionCompleted || len(ms) != 1 {
		t.Fatalf("a failed FinishVideo changed the session: %+v, %d messages", gs, len(ms))
	}

	// No session (or one that is gone): the video ends all the same.
	se2 := newSession(a.ID, id(), time.Now())
	v2 := &videoagent.Video{ID: id(), AccountID: a.ID, SessionID: se2.ID, Status: videoagent.VideoProcessing}
	if err := s.CreateSession(ctx, se2, v2, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.FinishVideo(ctx, v2.ID, videoagent.VideoUpdate{Status: videoagent.Ptr(videoagent.VideoFailed)}, id(), videoagent.SessionUpdate{Status: videoagent.Ptr(videoagent.SessionFailed)}, nil); err != nil {
		t.Fatalf("FinishVideo with a session that is gone: %v", err)
	}
	if gv, _ := s.VideoByID(ctx, v2.ID); gv.Status != videoagent.VideoFailed {
		t.Fatalf("video with a gone session: %+v", gv)
	}
}
