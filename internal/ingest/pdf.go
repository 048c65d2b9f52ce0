package ingest

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/media"
)

// The bounds of one PDF input. A small PDF can hold thousands of pages that share one
// text-heavy stream (475 KB made 4000 pages, 51 s and 900 MB of extracted text), so the
// page count is read first and refused past MaxPDFPages, the extracted text is read only up
// to MaxPDFTextBytes (the tool is stopped there), and all of it must be done within
// PDFTimeout. The tools run at a lower CPU priority than renders.
const (
	// MaxPDFPages bounds the pages of a PDF input.
	MaxPDFPages = 300
	// MaxPDFTextBytes bounds the text read from a PDF; MaxTextChars of it are kept.
	MaxPDFTextBytes = 1 << 20
	// PDFTimeout bounds the work on one PDF (page count, text, page images).
	PDFTimeout = 30 * time.Second
)

// pdf extracts a PDF's text (pdftotext) and renders its first pages to PNG assets
// (pdftoppm), within the bounds above. Errors past a bound are Failures that name it.
func (in *Ingester) pdf(ctx context.Context, accountID, name, label string, data []byte) (string, []string, error) {
	timeout := in.PDFTimeout
	if timeout <= 0 {
		timeout = PDFTimeout
	}
	tctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	text, pages, err := in.pdfWithin(tctx, accountID, name, label, data)
	if err != nil && ctx.Err() == nil && tctx.Err() != nil {
		return "", nil, videoagent.Failf(FailInput, err, "Could not use %s: reading the PDF took too long (more than %s per file).", label, timeout)
	}
	return text, pages, err
}

func (in *Ingester) pdfWithin(ctx context.Context, accountID, name, label string, data []byte) (string, []string, error) {
	dir, err := in.scratch()
	if err != nil {
		return "", nil, err
	}
	defer os.RemoveAll(dir)
	src := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(src, data, 0o600); err != nil {
		return "", nil, err
	}
	info, err := media.Run(ctx, "nice", "-n", "10", "pdfinfo", src)
	if err != nil {
		return "", nil, err
	}
	n, err := pdfPages(info)
	if err != nil {
		return "", nil, err
	}
	if n > MaxPDFPages {
		return "", nil, videoagent.Failf(FailInput, nil, "Could not use %s: it has %d pages; a PDF may have at most %d.", label, n, MaxPDFPages)
	}
	text, err := pdfText(ctx, src)
	if err != nil {
		return "", nil, err
	}
	if _, err := media.Run(ctx, "nice", "-n", "10", "pdftoppm", "-png", "-q", "-f", "1", "-l", fmt.Sprint(MaxPages),
		"-scale-to-x", fmt.Sprint(pageWidth), "-scale-to-y", "-1", src, filepath.Join(dir, "page")); err != nil {
		return "", nil, err
	}
	files, _ := filepath.Glob(filepath.Join(dir, "page*.png"))
	sort.Slice(files, func(i, j int) bool { // page-1, page-2, ... page-10 (zero-padded per count)
		if len(files[i]) != len(files[j]) {
			return len(files[i]) < len(files[j])
		}
		return files[i] < files[j]
	})
	var pages []string
	for i, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return "", nil, err
		}
		a, err := in.Store(ctx, accountID, fmt.Sprintf("%s (page %d)", name, i+1), TypePNG, b)
		if err != nil {
			return "", nil, err
		}
		pages = append(pages, a.ID)
	}
	return firstRunes(strings.ToValidUTF8(text, ""), MaxTextChars), pages, nil
}

// pdfPages reads the page count from pdfinfo's output.
func pdfPages(info []byte) (int, error) {
	for _, line := range strings.Split(string(info), "\n") {
		if v, ok := strings.CutPrefix(line, "Pages:"); ok {
			return strconv.Atoi(strings.TrimSpace(v))
		}
	}
	return 0, errors.New("pdfinfo: no page count")
}

// pdfText runs pdftotext and reads at most MaxPDFTextBytes of its output, stopping the
// tool there.
func pdfText(ctx context.Context, src string) (string, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	cmd := media.Command(ctx, "nice", "-n", "10", "pdftotext", "-enc", "UTF-8", "-q", "-l", fmt.Sprint(MaxPDFPages), src, "-")
	out, err := cmd.StdoutPipe()
	if err != nil {
		return "", err
	}
	if err := media.Start(cmd); err != nil {
		return "", err
	}
	b, rerr := io.ReadAll(io.LimitReader(bufio.NewReader(out), MaxPDFTextBytes))
	full := len(b) >= MaxPDFTextBytes
	if full {
		cancel() // enough text: stop the tool
	}
	werr := cmd.Wait()
	switch {
	case rerr != nil && !full:
		return "", rerr
	case werr != nil && !full:
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		return "", fmt.Errorf("pdftotext: %w", werr)
	}
	return string(b), nil
}
