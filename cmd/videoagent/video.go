package main

import (
	"fmt"
	"net/http"
	"net/url"
)

func init() {
	register("video", "Videos: get one, download it, list them.", &videoCmd{})
}

type videoCmd struct {
	Get      videoGetCmd      `cmd:"" help:"Show a video: status, length, URLs."`
	Download videoDownloadCmd `cmd:"" help:"Download a finished video (or its captioned version, GIF, captions, thumbnail)."`
	List     videoListCmd     `cmd:"" help:"List the account's videos, newest first."`
}

// videoRef names one video, for the commands that read it.
type videoRef struct {
	clientFlags
	VideoID string `arg:"" name:"video-id" help:"The video."`
}

// get reads the video (GET /v3/videos/{id}).
func (r *videoRef) get(a *app) (map[string]any, error) {
	cl, err := r.client(a)
	if err != nil {
		return nil, err
	}
	var v map[string]any
	if err := cl.do(a.ctx, http.MethodGet, "/v3/videos/"+url.PathEscape(r.VideoID), nil, &v); err != nil {
		return nil, err
	}
	return v, nil
}

type videoGetCmd struct {
	videoRef
}

func (c *videoGetCmd) Run(a *app) error {
	v, err := c.get(a)
	if err != nil {
		return err
	}
	if c.JSON {
		return printJSON(a.stdout, v)
	}
	printVideo(a, v)
	return nil
}

// downloadAssets are the files of a video download can fetch, by the field that has
// their URL.
var downloadAssets = map[string]struct{ field, ext string }{
	"video":     {"video_url", ".mp4"},
	"captioned": {"captioned_video_url", ".mp4"},
	"gif":       {"gif_url", ".gif"},
	"captions":  {"subtitle_url", ".srt"},
	"thumbnail": {"thumbnail_url", ".jpg"},
}

type videoDownloadCmd struct {
	videoRef
	Output string `name:"output-path" short:"o" help:"Where to save it (default ./VIDEO_ID.mp4, or the asset's extension)."`
	Asset  string `enum:"video,captioned,gif,captions,thumbnail" default:"video" help:"Which file: video, captioned, gif, captions or thumbnail."`
}

func (c *videoDownloadCmd) Run(a *app) error {
	v, err := c.get(a)
	if err != nil {
		return err
	}
	asset := downloadAssets[c.Asset]
	u, _ := v[asset.field].(string)
	if u == "" {
		return fmt.Errorf("video %s has no %s to download (status %v)", c.VideoID, c.Asset, v["status"])
	}
	out := c.Output
	if out == "" {
		out = c.VideoID + asset.ext
	}
	n, err := download(a.ctx, u, out)
	if err != nil {
		return err
	}
	if c.JSON {
		return printJSON(a.stdout, map[string]any{"video_id": c.VideoID, "asset": c.Asset, "output_path": out, "bytes": n})
	}
	fmt.Fprintln(a.stdout, out)
	return nil
}

// listFlags page through a list endpoint.
type listFlags struct {
	Limit int    `default:"20" help:"How many to list."`
	Token string `help:"The next_token of a previous page."`
}

func (l *listFlags) query(extra url.Values) string {
	q := url.Values{}
	for k, v := range extra {
		q[k] = v
	}
	if l.Limit > 0 {
		q.Set("limit", fmt.Sprint(l.Limit))
	}
	if l.Token != "" {
		q.Set("token", l.Token)
	}
	if len(q) == 0 {
		return ""
	}
	return "?" + q.Encode()
}

type videoListCmd struct {
	clientFlags
	listFlags
}

func (c *videoListCmd) Run(a *app) error {
	return listRun(a, &c.clientFlags, "/v3/videos"+c.query(nil), []string{"id", "status", "duration", "title"})
}
