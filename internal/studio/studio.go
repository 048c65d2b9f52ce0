// Package studio is the web studio: a page to sign in with an API key, describe a video,
// watch it being made, revise it in chat and download it. It is plain HTML, CSS and
// JavaScript embedded in the binary (no build step), talking to the v3 API and to the
// session event stream from the browser.
package studio

import (
	"embed"
	"io/fs"
	"net/http"
	"strings"
)

//go:embed assets
var assets embed.FS

// csp keeps the page to its own scripts and styles; pictures, clips and videos may come
// from the server's public URL, which can be another origin (a CDN in front of /files).
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob: https: http:; " +
	"media-src 'self' blob: https: http:; connect-src 'self' https: http:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

// Handler serves the studio: the page at / and its files under /studio/.
func Handler() http.Handler {
	sub, err := fs.Sub(assets, "assets")
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	files := http.StripPrefix("/studio/", http.FileServerFS(sub))
	index, err := fs.ReadFile(sub, "index.html")
	if err != nil {
		panic(err)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		if r.URL.Path == "/" || r.URL.Path == "/studio/" {
			h.Set("Content-Type", "text/html; charset=utf-8")
			h.Set("Cache-Control", "no-cache")
			w.Write(index)
			return
		}
		if strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r) // no directory listings
			return
		}
		h.Set("Cache-Control", "no-cache")
		files.ServeHTTP(w, r)
	})
}
