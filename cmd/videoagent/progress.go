package main

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// progress reports a wait on stderr: on a terminal a bar redrawn in place,
//
//	generating [##########----------]  50%  0:12 elapsed  ETA 0:12
//
// otherwise one plain line each time the stage or percent changes,
//
//	progress stage=generating percent=50 elapsed=12s eta=12s
type progress struct {
	w     io.Writer
	tty   bool
	start time.Time
	last  string
	drawn bool
}

func newProgress(w io.Writer, tty bool) *progress {
	return &progress{w: w, tty: tty, start: time.Now()}
}

// update reports stage at percent (0-100).
func (p *progress) update(stage string, percent int) {
	percent = max(0, min(percent, 100))
	elapsed := time.Since(p.start)
	eta := "?"
	var etaD time.Duration
	if percent > 0 && percent < 100 {
		etaD = time.Duration(float64(elapsed) * float64(100-percent) / float64(percent))
		eta = etaD.Round(time.Second).String()
	} else if percent == 100 {
		eta = "0s"
	}
	if !p.tty {
		key := fmt.Sprintf("%s %d", stage, percent)
		if key == p.last {
			return
		}
		p.last = key
		fmt.Fprintf(p.w, "progress stage=%s percent=%d elapsed=%s eta=%s\n", stage, percent, elapsed.Round(time.Second), eta)
		return
	}
	const width = 24
	filled := width * percent / 100
	bar := strings.Repeat("#", filled) + strings.Repeat("-", width-filled)
	etaText := "ETA " + clock(etaD)
	if eta == "?" {
		etaText = "ETA  ?"
	}
	fmt.Fprintf(p.w, "\r\x1b[K%-12s [%s] %3d%%  %s elapsed  %s", stage, bar, percent, clock(elapsed), etaText)
	p.drawn = true
}

// done ends the bar's line.
func (p *progress) done() {
	if p.tty && p.drawn {
		fmt.Fprintln(p.w)
		p.drawn = false
	}
}

// clock formats d as m:ss.
func clock(d time.Duration) string {
	s := int(d.Round(time.Second).Seconds())
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}
