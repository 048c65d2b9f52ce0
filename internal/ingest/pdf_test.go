package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/blob"
	"github.com/openvideoagent/videoagent/internal/sqlite"
)

// pdfBomb writes a valid PDF of n pages that all draw one content stream of lines lines of
// text: small on disk, large once extracted.
func pdfBomb(n, lines int) []byte {
	var content strings.Builder
	content.WriteString("BT /F1 6 Tf 20 780 Td 7 TL\n")
	for i := 0; i < lines; i++ {
		fmt.Fprintf(&content, "(Line %d of a text-heavy page that every page of this document shares.) '\n", i)
	}
	content.WriteString("ET\n")
	var b bytes.Buffer
	var offs []int
	obj := func(body string) {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offs), body)
	}
	b.WriteString("%PDF-1.4\n")
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	var kids strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&kids, "%d 0 R ", 5+i)
	}
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids.String(), n))
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	obj(fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", content.Len(), content.String()))
	for i := 0; i < n; i++ {
		obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>")
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, xref)
	return b.Bytes()
}

func testIngester(t *testing.T) *Ingester {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	store := sqlite.NewStore(db)
	blobs, err := blob.NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return &Ingester{Assets: store, Blobs: blobs, WorkDir: t.TempDir()}
}

// TestPDFBounds: a PDF past the page bound is refused before any text is extracted, with
// the bound in the message; one that runs out of time says it took too long; one within
// the bounds gives its text (clipped) and first pages.
func TestPDFBounds(t *testing.T) {
	in := testIngester(t)
	ctx := context.Background()
	acct, err := in.Assets.(*sqlite.Store).CreateAccount(ctx, "a")
	if err != nil {
		t.Fatal(err)
	}

	failure := func(err error) (code, msg string) {
		var f *videoagent.Failure
		if errors.As(err, &f) {
			return f.Code, f.Message
		}
		return "", ""
	}
	_, _, err = in.pdf(ctx, acct.ID, "bomb.pdf", "files[0] (bomb.pdf)", pdfBomb(4000, 300))
	if code, msg := failure(err); code != FailInput || !strings.Contains(msg, "4000 pages") || !strings.Contains(msg, fmt.Sprint(MaxPDFPages)) {
		t.Errorf("4000-page PDF: %v; want %s naming 4000 pages and the bound %d", err, FailInput, MaxPDFPages)
	}

	slow := *in
	slow.PDFTimeout = time.Millisecond
	_, _, err = slow.pdf(ctx, acct.ID, "big.pdf", "files[0] (big.pdf)", pdfBomb(MaxPDFPages, 300))
	if code, msg := failure(err); code != FailInput || !strings.Contains(msg, "took too long") {
		t.Errorf("PDF past its time: %v; want %s saying it took too long", err, FailInput)
	}

	text, pages, err := in.pdf(ctx, acct.ID, "ok.pdf", "files[0] (ok.pdf)", pdfBomb(MaxPages+3, 8))
	if err != nil {
		t.Fatalf("PDF within the bounds: %v", err)
	}
	if len(pages) != MaxPages || !strings.Contains(text, "Line 7 of a text-heavy page") || len([]rune(text)) > MaxTextChars {
		t.Errorf("PDF within the bounds: %d pages, %d characters of text", len(pages), len([]rune(text)))
	}
}
