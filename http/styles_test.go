package http

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/blob"
	"github.com/openvideoagent/videoagent/render"
)

// countingRenderer writes tiny stand-in files and counts renders per style.
type countingRenderer struct {
	mu    sync.Mutex
	calls map[string]int
	total atomic.Int32
}

func (c *countingRenderer) Render(ctx context.Context, job videoagent.RenderJob) (*videoagent.RenderResult, error) {
	c.total.Add(1)
	c.mu.Lock()
	c.calls[job.Storyboard.StyleID]++
	c.mu.Unlock()
	time.Sleep(50 * time.Millisecond) // long enough for concurrent requests to overlap
	res := &videoagent.RenderResult{VideoPath: filepath.Join(job.OutDir, "v.mp4"), ThumbnailPath: filepath.Join(job.OutDir, "t.jpg")}
	os.WriteFile(res.VideoPath, []byte("mp4"), 0o644)
	os.WriteFile(res.ThumbnailPath, []byte("jpg"), 0o644)
	return res, nil
}

func stylesServer(t *testing.T) (*Server, *countingRenderer, http.Handler) {
	t.Helper()
	bs, err := blob.NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	cr := &countingRenderer{calls: map[string]int{}}
	s := &Server{Blobs: bs, Renderer: cr, PublicURL: "http://x", URLSecret: []byte("k"), URLTTL: time.Hour, log: slog.Default()}
	mux := http.NewServeMux()
	s.styleRoutes(mux)
	return s, cr, mux
}

func getStyles(t *testing.T, h http.Handler, query string) (int, []byte) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/v3/video-agents/styles"+query, nil))
	return rec.Code, rec.Body.Bytes()
}

type styleList struct {
	Data []struct {
		StyleID   string   `json:"style_id"`
		Name      string   `json:"name"`
		Thumbnail *string  `json:"thumbnail_url"`
		Preview   *string  `json:"preview_video_url"`
		Tags      []string `json:"tags"`
		Aspect    *string  `json:"aspect_ratio"`
	} `json:"data"`
	HasMore   bool    `json:"has_more"`
	NextToken *string `json:"next_token"`
}

func TestStylesList(t *testing.T) {
	_, cr, h := stylesServer(t)
	// Concurrent first requests render each style once.
	var wg sync.WaitGroup
	bodies := make([][]byte, 4)
	for i := range bodies {
		wg.Add(1)
		go func() {
			defer wg.Done()
			code, b := getStyles(t, h, "")
			if code != 200 {
				t.Errorf("status %d %s", code, b)
			}
			bodies[i] = b
		}()
	}
	wg.Wait()
	all := render.Styles()
	if len(all) < 10 {
		t.Fatalf("%d styles, want at least 10", len(all))
	}
	for id, n := range cr.calls {
		if n != 1 {
			t.Errorf("style %s rendered %d times", id, n)
		}
	}
	if int(cr.total.Load()) != len(all) {
		t.Errorf("%d renders for %d styles", cr.total.Load(), len(all))
	}
	var l styleList
	if err := json.Unmarshal(bodies[0], &l); err != nil {
		t.Fatal(err)
	}
	if len(l.Data) != len(all) || l.HasMore {
		t.Fatalf("%d styles listed, has_more %v", len(l.Data), l.HasMore)
	}
	for _, st := range l.Data {
		if st.StyleID == "" || st.Name == "" || len(st.Tags) == 0 || st.Aspect == nil {
			t.Errorf("style %+v", st)
		}
		if st.Thumbnail == nil || st.Preview == nil {
			t.Errorf("style %s has no preview URLs", st.StyleID)
		}
	}
	checkStylesSchema(t, bodies[0])
	// A second request renders nothing.
	getStyles(t, h, "")
	if int(cr.total.Load()) != len(all) {
		t.Errorf("second request rendered again")
	}

	// Tag filter and pagination.
	_, b := getStyles(t, h, "?tag=dark")
	json.Unmarshal(b, &l)
	if len(l.Data) == 0 {
		t.Error("no dark styles")
	}
	for _, st := range l.Data {
		if !hasTag(st.Tags, "dark") {
			t.Errorf("style %s has no tag dark", st.StyleID)
		}
	}
	seen := map[string]bool{}
	token := ""
	for pages := 0; pages < 20; pages++ {
		q := "?limit=5"
		if token != "" {
			q += "&token=" + token
		}
		code, b := getStyles(t, h, q)
		if code != 200 {
			t.Fatalf("page: %d %s", code, b)
		}
		var pl styleList
		json.Unmarshal(b, &pl)
		for _, st := range pl.Data {
			seen[st.StyleID] = true
		}
		if !pl.HasMore {
			break
		}
		token = *pl.NextToken
	}
	if len(seen) != len(all) {
		t.Errorf("pages gave %d styles, want %d", len(seen), len(all))
	}
	for _, q := range []string{"?limit=0", "?limit=101", "?token=bogus"} {
		if code, b := getStyles(t, h, q); code != 400 {
			t.Errorf("%s: %d %s", q, code, b)
		}
	}
}

// checkStylesSchema validates a response against HeyGen's reference schema when the
// reference is checked out next to the repository.
func checkStylesSchema(t *testing.T, body []byte) {
	t.Helper()
	b, err := os.ReadFile("../../shared/reference/heygen-v3-schemas/video-agent-styles-list.response.json")
	if err != nil {
		t.Log("reference schema not found; skipping the schema check")
		return
	}
	var sch map[string]any
	if err := json.Unmarshal(b, &sch); err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatal(err)
	}
	var errs []string
	validateSchema(sch, v, "$", &errs)
	for _, e := range errs {
		t.Error(e)
	}
}

// validateSchema checks types, required properties and nullability (the subset of JSON
// Schema the reference files use).
func validateSchema(s map[string]any, v any, at string, errs *[]string) {
	if v == nil {
		if s["nullable"] != true {
			*errs = append(*errs, at+": null but not nullable")
		}
		return
	}
	typ, _ := s["type"].(string)
	ok := true
	switch typ {
	case "object":
		m, isMap := v.(map[string]any)
		if ok = isMap; ok {
			props, _ := s["properties"].(map[string]any)
			if req, _ := s["required"].([]any); req != nil {
				for _, r := range req {
					if _, has := m[r.(string)]; !has {
						*errs = append(*errs, fmt.Sprintf("%s: missing %s", at, r))
					}
				}
			}
			for k, pv := range m {
				if ps, found := props[k].(map[string]any); found {
					validateSchema(ps, pv, at+"."+k, errs)
				}
			}
		}
	case "array":
		a, isArr := v.([]any)
		if ok = isArr; ok {
			items, _ := s["items"].(map[string]any)
			for i, x := range a {
				validateSchema(items, x, fmt.Sprintf("%s[%d]", at, i), errs)
			}
		}
	case "string":
		_, ok = v.(string)
	case "boolean":
		_, ok = v.(bool)
	case "number", "integer":
		_, ok = v.(float64)
	}
	if !ok {
		*errs = append(*errs, fmt.Sprintf("%s: %T is not %s", at, v, typ))
	}
}
