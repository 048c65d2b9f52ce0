package e2e

import (
	"context"
	"encoding/base64"
	"fmt"
	"image/color"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// studioArtifacts is where the browser test saves its screenshots: $VIDEOAGENT_ARTIFACTS/studio
// when set (CI uploads that folder), else a folder in the system's temp dir that is kept
// after the test so that people can look at the pictures.
func studioArtifacts(t *testing.T, pass string) string {
	base := os.Getenv("VIDEOAGENT_ARTIFACTS")
	if base == "" {
		base = filepath.Join(os.TempDir(), "videoagent-artifacts")
	}
	dir := filepath.Join(base, "studio", pass)
	os.RemoveAll(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots of the %s pass: %s", pass, dir)
	return dir
}

// chromium finds Debian's chromium (scripts/install-deps.sh installs it).
func chromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("chromium is not installed: run scripts/install-deps.sh")
	return ""
}

// TestStudioBrowser drives the web studio in a real Chromium: sign in with a key, describe
// a video with a presenter, the fastest voice and a dropped file, watch the progress move
// (over the event stream) while it renders, play the finished video, revise it in chat and
// get a second video, then open the gallery. At desktop size the first video is made in
// generate mode and revised in a chat copy of it (storyboard review, then approval); at
// 390x844, with the event stream blocked (the page polls instead), it is made in chat mode
// and revised after it is done. A screenshot of every step is saved.
func TestStudioBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test: skipped with -short")
	}
	exe := chromium(t)
	s := startServer(t, "")
	for _, pass := range []studioPass{
		{name: "desktop", w: 1280, h: 900, orientation: "landscape", generate: true,
			prompt: "A short welcome to Crumb & Co, our neighbourhood bakery: fresh sourdough every morning, and you can order online.",
			line:   "Order by nine and your loaf is warm at the door by noon."},
		{name: "phone", w: 390, h: 844, mobile: true, orientation: "portrait",
			prompt: "A quick tip from Pedal Works, the bike repair shop: check your tyre pressure every week for a smoother, safer ride.",
			line:   "Firm tyres roll faster and puncture less, so pump them up on Sundays.",
			// The phone pass blocks the event stream: the page falls back to polling.
			blockEvents: true},
	} {
		t.Run(pass.name, func(t *testing.T) {
			dir := studioArtifacts(t, pass.name)
			opts := append(chromedp.DefaultExecAllocatorOptions[:],
				chromedp.ExecPath(exe),
				chromedp.NoSandbox, // tests run as root in CI containers
				chromedp.DisableGPU,
				chromedp.Flag("disable-dev-shm-usage", true),
				chromedp.Flag("autoplay-policy", "no-user-gesture-required"),
				chromedp.Flag("mute-audio", true),
				chromedp.WindowSize(pass.w, pass.h),
			)
			actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
			defer cancel()
			// Script errors and console errors of the page fail the test.
			var jsErrs struct {
				sync.Mutex
				list []string
			}
			listener := func(ev any) {
				msg := ""
				switch e := ev.(type) {
				case *runtime.EventExceptionThrown:
					msg = "exception: " + e.ExceptionDetails.Text
					if e.ExceptionDetails.Exception != nil {
						msg += " " + e.ExceptionDetails.Exception.Description
					}
				case *runtime.EventConsoleAPICalled:
					if e.Type == runtime.ConsoleAPICalledTypeError {
						for _, a := range e.Args {
							msg += string(a.Value) + a.Description + " "
						}
						msg = "console.error: " + msg
					}
				}
				if msg != "" {
					jsErrs.Lock()
					jsErrs.list = append(jsErrs.list, msg)
					jsErrs.Unlock()
				}
			}
			defer func() {
				jsErrs.Lock()
				defer jsErrs.Unlock()
				for _, e := range jsErrs.list {
					t.Errorf("page: %s", e)
				}
			}()
			bctx, cancel := chromedp.NewContext(actx, chromedp.WithLogf(t.Logf), chromedp.WithListener(listener))
			defer cancel()
			// The first run starts the browser and must not carry a timeout (it would
			// stop the browser); later runs share a context with one.
			if err := chromedp.Do(bctx, chromedp.Navigate("about:blank")); err != nil {
				t.Fatalf("start chromium: %v", err)
			}
			ctx, cancel := context.WithTimeout(bctx, 6*time.Minute)
			defer cancel()
			b := &browser{t: t, ctx: ctx, dir: dir}
			vp := []chromedp.EmulateViewportOption{}
			if pass.mobile {
				vp = append(vp, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait)
			}
			b.run(chromedp.EmulateViewport(int64(pass.w), int64(pass.h), vp...))
			// Reduced motion: the page then skips its transitions (app.css), so that the
			// contrast checks read colours at rest, not half way through a fade.
			b.run(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
				_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
					Features: []*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: "reduce"}}})
				return err
			}))
			if pass.blockEvents {
				b.run(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
					if _, err := cdp.Call(ctx, tg, network.Enable, network.EnableParams{}); err != nil {
						return err
					}
					_, err := cdp.Call(ctx, tg, network.SetBlockedURLs, network.SetBlockedURLsParams{
						URLPatterns: []*network.BlockPattern{{URLPattern: "*://*:*/v3/video-agents/*/events", Block: true}}})
					return err
				}))
			}
			studioFlow(t, s, b, pass)
		})
	}
}

// studioPass is one run of the flow: a window size and what to ask for.
type studioPass struct {
	name         string
	w, h         int
	mobile       bool
	orientation  string
	prompt, line string
	blockEvents  bool
	// generate makes the first video in generate mode (else chat mode).
	generate bool
}

func studioFlow(t *testing.T, s *server, b *browser, pass studioPass) {
	width := pass.w
	// 1. Sign in: a wrong key is refused in words, the right one opens the studio.
	b.run(chromedp.Navigate(s.base + "/"))
	b.waitJS(`!document.querySelector('#view-signin').hidden`, 20*time.Second, "the sign-in form")
	b.shot("01-sign-in")
	b.run(chromedp.SendKeys(chromedp.CSS("#api-key"), "not-a-key"), chromedp.Click(chromedp.CSS("#signin-submit")))
	b.waitJS(`document.querySelector('#signin-error').textContent.includes('not accepted')`, 10*time.Second, "the refusal of a wrong key")
	b.str(`document.querySelector('#api-key').value = ''`)
	b.run(chromedp.SendKeys(chromedp.CSS("#api-key"), s.key), chromedp.Click(chromedp.CSS("#signin-submit")))
	b.waitJS(`!document.querySelector('#view-create').hidden`, 10*time.Second, "the create view")
	if got := b.str(`sessionStorage.getItem('ova.key') + '|' + localStorage.length + '|' + document.cookie`); got != s.key+"|0|" {
		t.Errorf("the key must be in sessionStorage only; got %q", got)
	}

	// 2. The pickers show presenters with pictures, voices with clips, styles.
	b.waitJS(`document.querySelectorAll('#presenters .choice img').length >= 2 && document.querySelector('#voices [data-id="espeak-en-us-f"]') && document.querySelectorAll('#styles .choice').length >= 2`,
		90*time.Second, "presenters, voices and styles")
	b.waitJS(`[...document.querySelectorAll('#presenters .choice img')].every(i => i.complete && i.naturalWidth > 0)`, 30*time.Second, "the presenter pictures")
	// Keyboard: arrows move the presenter choice.
	b.run(chromedp.Focus(chromedp.CSS(`#presenters [role="radio"][aria-checked="true"]`)))
	b.key(kb.ArrowRight)
	avatar := b.str(`document.querySelector('#presenters [aria-checked="true"]').dataset.id`)
	if avatar == "" || b.str(`document.activeElement.dataset.id`) != avatar {
		t.Errorf("ArrowRight in the presenter picker selected %q (focus on %q)", avatar, b.str(`document.activeElement.dataset.id || ''`))
	}
	b.run(chromedp.Click(chromedp.CSS(`#voices [data-id="espeak-en-us-f"]`)))
	mode := "chat"
	if pass.generate {
		mode = "generate"
	}
	b.run(chromedp.SendKeys(chromedp.CSS("#prompt"), pass.prompt),
		chromedp.Click(chromedp.CSS(`label[for="mode-`+mode+`"]`)),
		chromedp.Click(chromedp.CSS(`label[for="or-`+pass.orientation+`"]`)))
	b.str(`document.querySelector('#length').value = '10'`)
	// A file dropped on the page is uploaded through the assets API and listed as ready.
	photo := base64.StdEncoding.EncodeToString(pngBytes(t, 320, 180, color.RGBA{0xc2, 0x41, 0x0c, 0xff}))
	b.str(`(() => {
		const bytes = Uint8Array.from(atob('` + photo + `'), c => c.charCodeAt(0));
		const dt = new DataTransfer();
		dt.items.add(new File([bytes], 'storefront.png', { type: 'image/png' }));
		document.querySelector('#dropzone').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
		return 1 })()`)
	b.waitJS(`[...document.querySelectorAll('#file-list li')].some(li => li.textContent.includes('storefront.png') && li.textContent.includes('ready'))`, 20*time.Second, "the dropped file to upload")
	b.accessible()
	b.noOverflow(width)
	b.shot("02-create")

	// 3. Create. The page follows the session over the event stream, or by polling when
	// the stream cannot be reached.
	b.run(chromedp.Click(chromedp.CSS("#generate")))
	b.waitJS(`!document.querySelector('#view-session').hidden`, 10*time.Second, "the session view")
	updates := "live"
	if pass.blockEvents {
		updates = "polling"
	}
	b.waitJS(`document.body.dataset.updates === '`+updates+`'`, 10*time.Second, "updates by "+updates)

	if pass.generate {
		// Generate mode: it renders at once; then the video is copied into a chat session
		// (generate sessions take no messages), revised there in review, and rendered.
		watchRender(t, b, pass, "03-progress")
		playVideo(t, b)
		b.shot("04-playing")
		first := b.str(`document.querySelector('#player').dataset.id`)
		if !b.bool(`document.querySelector('#chat-form').hidden && !document.querySelector('#revise-copy').hidden`) {
			t.Error("a generate-mode session must offer a chat copy, not a chat box")
		}
		oldHash := b.str(`location.hash`)
		b.run(chromedp.Click(chromedp.CSS("#revise-copy-btn")))
		b.waitJS(`location.hash !== '`+oldHash+`' && document.body.dataset.sessionStatus === 'reviewing' && document.querySelectorAll('#scenes .scene').length >= 1`,
			90*time.Second, "the chat copy's storyboard")
		scenes := b.int(`document.querySelectorAll('#scenes .scene').length`)
		n := min(2, scenes)
		draft := b.str(`document.querySelector('#scenes').dataset.draft`)
		b.accessible()
		b.noOverflow(width)
		b.shot("05-storyboard")
		b.run(chromedp.SendKeys(chromedp.CSS("#chat-input"), fmt.Sprintf(`change scene %d to say "%s"`, n, pass.line)), chromedp.Click(chromedp.CSS("#chat-send")))
		b.waitJS(fmt.Sprintf(`document.body.dataset.sessionStatus === 'reviewing' && document.querySelector('#scenes').dataset.draft !== %q`, draft), time.Minute, "the revised storyboard")
		if got := b.str(fmt.Sprintf(`document.querySelector('#scenes [data-scene="%d"] .body p').textContent`, n)); !strings.Contains(got, pass.line[:20]) {
			t.Errorf("scene card after the revision says %q", got)
		}
		b.shot("06-storyboard-revised")
		b.run(chromedp.Click(chromedp.CSS("#approve-btn")))
		watchRender(t, b, pass, "")
		playVideo(t, b)
		if b.str(`document.querySelector('#player').dataset.id`) == first {
			t.Error("the player still shows the first video")
		}
		b.accessible()
		b.noOverflow(width)
		b.shot("07-revised")
	} else {
		// Chat mode: the storyboard comes up for review as scene cards; approved, it
		// renders; a revision after that makes a second version in the same session.
		b.waitJS(`document.body.dataset.sessionStatus === 'reviewing' && document.querySelectorAll('#scenes .scene').length >= 1 && !document.querySelector('#approve').hidden`,
			90*time.Second, "the storyboard for review")
		scenes := b.int(`document.querySelectorAll('#scenes .scene').length`)
		b.accessible()
		b.noOverflow(width)
		b.shot("03-storyboard")
		b.run(chromedp.Click(chromedp.CSS("#approve-btn")))
		watchRender(t, b, pass, "04-progress")
		playVideo(t, b)
		b.noOverflow(width)
		b.shot("05-playing")

		first := b.str(`document.querySelector('#player').dataset.id`)
		b.run(chromedp.SendKeys(chromedp.CSS("#chat-input"), fmt.Sprintf(`change scene %d to say "%s"`, min(2, scenes), pass.line)), chromedp.Click(chromedp.CSS("#chat-send")))
		b.waitJS(fmt.Sprintf(`document.body.dataset.sessionStatus === 'completed' && document.querySelector('#player').dataset.id !== %q && document.querySelectorAll('#earlier li').length === 2`, first),
			4*time.Minute, "the revised video")
		if got := b.str(fmt.Sprintf(`document.querySelector('#scenes [data-scene="%d"] .body p').textContent`, min(2, scenes))); !strings.Contains(got, pass.line[:20]) {
			t.Errorf("scene card after the revision says %q", got)
		}
		b.waitJS(`document.querySelector('#player').readyState >= 1 && document.querySelector('#player').duration > 0`, 20*time.Second, "the revised video's metadata")
		b.accessible()
		b.noOverflow(width)
		b.shot("06-revised")
	}

	// 7. The gallery lists the account's videos.
	b.run(chromedp.Click(chromedp.CSS(`[data-nav="gallery"]`)))
	b.waitJS(`document.querySelectorAll('#gallery .tile img').length >= 2`, 20*time.Second, "the gallery")
	b.waitJS(`[...document.querySelectorAll('#gallery .tile img')].every(i => i.complete && i.naturalWidth > 0)`, 20*time.Second, "the gallery pictures")
	b.noOverflow(width)
	b.shot("08-gallery")
}

// watchRender waits for the session on the page to complete, reading the progress bar as
// it goes: the percent must move (stage and percent come from the event stream or the
// polling fallback). shot, when set, names a screenshot taken mid-render.
func watchRender(t *testing.T, b *browser, pass studioPass, shot string) {
	t.Helper()
	seen := map[int]bool{}
	stages := map[string]bool{}
	deadline := time.Now().Add(4 * time.Minute)
	for {
		st := b.str(`document.body.dataset.sessionStatus`)
		pc := b.int(`Number(document.querySelector('#progressbar').getAttribute('aria-valuenow'))`)
		if st == "generating" || st == "thinking" {
			seen[pc] = true
			stages[b.str(`document.querySelector('#stage').textContent`)] = true
			if shot != "" && pc >= 35 && pc < 95 {
				b.shot(shot)
				shot = ""
			}
		}
		if st == "completed" {
			break
		}
		if st == "failed" || time.Now().After(deadline) {
			b.shot("render-failed")
			t.Fatalf("render: status %q; progress seen %v", st, keys(seen))
		}
		time.Sleep(100 * time.Millisecond)
	}
	var mid []int
	for pc := range seen {
		if pc > 0 && pc < 100 {
			mid = append(mid, pc)
		}
	}
	// Over the stream every change arrives; polling once a second may miss some.
	minMid := 2
	if pass.blockEvents {
		minMid = 1
	}
	if len(mid) < minMid {
		t.Errorf("progress did not move: values %v, stages %v", keys(seen), stages)
	}
	t.Logf("progress seen while rendering: %v; stages %v", keys(seen), stages)
}

// playVideo plays the video in the player: it has a duration and its time advances; the
// downloads are offered and the scene cards get frames of it.
func playVideo(t *testing.T, b *browser) {
	t.Helper()
	b.waitJS(`!document.querySelector('#player-card').hidden && document.querySelector('#player').readyState >= 1`, 30*time.Second, "the player")
	b.str(`(() => { const p = document.querySelector('#player'); p.muted = true; p.play(); return 1 })()`)
	b.waitJS(`document.querySelector('#player').currentTime > 0.3`, 20*time.Second, "the video to play")
	dur := b.float(`document.querySelector('#player').duration`)
	t0 := b.float(`document.querySelector('#player').currentTime`)
	time.Sleep(800 * time.Millisecond)
	t1 := b.float(`document.querySelector('#player').currentTime`)
	if !(dur > 3) || !(t1 > t0) {
		t.Errorf("video: duration %.2f s, currentTime %.2f then %.2f (must advance)", dur, t0, t1)
	}
	t.Logf("video plays: duration %.2f s, currentTime %.2f -> %.2f", dur, t0, t1)
	if n := b.int(`document.querySelectorAll('#downloads a[href]').length`); n < 2 {
		t.Errorf("%d download links, want MP4 and captions at least", n)
	}
	b.str(`document.querySelector('#player').pause()`)
	b.waitJS(`document.querySelectorAll('#scenes .thumb img').length === document.querySelectorAll('#scenes .scene').length`, 30*time.Second, "scene thumbnails from the video")
}

func keys(m map[int]bool) []int {
	var out []int
	for k := range m {
		out = append(out, k)
	}
	sort.Ints(out)
	return out
}

// browser is one Chromium tab with the helpers the flow needs.
type browser struct {
	t   *testing.T
	ctx context.Context
	dir string
	n   int
}

func (b *browser) run(actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.shot("error")
		b.t.Fatal(err)
	}
}

func (b *browser) key(k string) {
	b.t.Helper()
	b.run(chromedp.KeyEvent(k))
}

func eval[T any](b *browser, expr string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		b.t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

func (b *browser) str(expr string) string {
	b.t.Helper()
	return eval[string](b, `String(`+expr+`)`)
}

func (b *browser) int(expr string) int {
	b.t.Helper()
	return int(eval[float64](b, `Number(`+expr+`) || 0`))
}

func (b *browser) bool(expr string) bool {
	b.t.Helper()
	return eval[bool](b, `!!(`+expr+`)`)
}

func (b *browser) float(expr string) float64 {
	b.t.Helper()
	return eval[float64](b, `Number(`+expr+`) || 0`)
}

// waitJS waits until expr is true in the page.
func (b *browser) waitJS(expr string, timeout time.Duration, what string) {
	b.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		ok, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`!!(`+expr+`)`))
		if err != nil {
			b.t.Fatalf("waiting for %s: %v", what, err)
		}
		if ok {
			return
		}
		if time.Now().After(deadline) {
			b.shot("timeout")
			b.t.Fatalf("timed out after %s waiting for %s (%s)", timeout, what, expr)
		}
		time.Sleep(150 * time.Millisecond)
	}
}

// accessible checks what a screen reader and a keyboard need on the visible page: every
// form control has a label, every button a name, every picture an alt (empty when it only
// decorates), and nothing focusable hides behind aria-hidden.
func (b *browser) accessible() {
	b.t.Helper()
	problems := b.str(`(() => {
		const out = [];
		const visible = e => e.offsetParent !== null || e.getClientRects().length > 0;
		for (const e of document.querySelectorAll('input:not([type=radio]):not(.visually-hidden), select, textarea')) {
			if (!visible(e)) continue;
			const named = (e.id && document.querySelector('label[for="' + e.id + '"]')) || e.getAttribute('aria-label') || e.getAttribute('aria-labelledby');
			if (!named) out.push('unlabelled ' + e.tagName + '#' + e.id);
		}
		for (const e of document.querySelectorAll('input[type=radio]')) {
			if (!(e.id && document.querySelector('label[for="' + e.id + '"]'))) out.push('unlabelled radio #' + e.id);
		}
		for (const e of document.querySelectorAll('button, [role=radio], a[href]')) {
			if (!visible(e)) continue;
			if (!(e.getAttribute('aria-label') || e.textContent.trim())) out.push('nameless ' + e.tagName + ' ' + e.className);
		}
		for (const e of document.querySelectorAll('img')) if (!e.hasAttribute('alt')) out.push('img without alt ' + e.src.slice(-40));
		for (const e of document.querySelectorAll('[aria-hidden=true] button, [aria-hidden=true] a[href], [aria-hidden=true] input')) out.push('focusable inside aria-hidden');
		// Contrast (WCAG AA): every visible text against the first solid background behind
		// it, 4.5:1, or 3:1 for large text.
		const rgb = c => (c.match(/[\d.]+/g) || []).map(Number);
		const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
			.reduce((a, v, i) => a + v * [0.2126, 0.7152, 0.0722][i], 0);
		const bg = e => {
			for (let n = e; n; n = n.parentElement) {
				const c = rgb(getComputedStyle(n).backgroundColor);
				if (c.length >= 3 && (c.length < 4 || c[3] > 0.5)) return c;
			}
			return [255, 255, 255];
		};
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		const seen = new Set();
		for (let t = walker.nextNode(); t; t = walker.nextNode()) {
			const e = t.parentElement;
			if (!t.textContent.trim() || seen.has(e) || !visible(e) || e.closest('[hidden], dialog:not([open]), button:disabled, .toast')) continue;
			seen.add(e);
			const st = getComputedStyle(e);
			if (st.visibility === 'hidden' || Number(st.opacity) === 0) continue;
			const fg = rgb(st.color), b = bg(e);
			const l1 = lum(fg), l2 = lum(b);
			const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
			const size = parseFloat(st.fontSize), bold = Number(st.fontWeight) >= 700;
			const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
			if (ratio < need) out.push('contrast ' + ratio.toFixed(2) + ' < ' + need + ' for "' + t.textContent.trim().slice(0, 30) + '" (' + st.color + ' on rgb(' + b.join(',') + '))');
		}
		return out.join('; ');
	})()`)
	if problems != "" {
		b.t.Errorf("accessibility: %s", problems)
	}
}

// noOverflow checks that nothing makes the page scroll sideways.
func (b *browser) noOverflow(width int) {
	b.t.Helper()
	if w := b.int(`document.documentElement.scrollWidth`); w > width {
		b.t.Errorf("the page is %d px wide in a %d px window (something overflows)", w, width)
	}
}

// shot saves a full-page PNG of the current state.
func (b *browser) shot(name string) {
	// From the top, so that the sticky header sits where a person sees it.
	chromedp.Run(b.ctx, chromedp.Evaluate[bool](`window.scrollTo(0, 0), true`))
	buf, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Logf("screenshot %s: %v", name, err)
		return
	}
	b.n++
	path := filepath.Join(b.dir, name+".png")
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		b.t.Logf("screenshot %s: %v", name, err)
	}
}
