package agent

import (
	"slices"
	"testing"

	"github.com/openvideoagent/videoagent"
)

// TestClauses: a sentence is cut into bullets at its commas and its "and"s, but not inside
// "every Tuesday and Thursday" or "Smith and Jones", and not when its parts are no list
// (an instruction with its reason).
func TestClauses(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"We open at 7am, bake every morning and deliver by noon.", []string{"We open at 7am", "Bake every morning", "Deliver by noon"}},
		{"We run every Tuesday and Thursday, and all paces are welcome.", []string{"We run every Tuesday and Thursday", "All paces are welcome"}},
		{"Check your tyres every week, because soft tyres wear out fast.", nil},
	} {
		if got := clauses(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("clauses(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestSplitListPairs: a list's last "and" does not split a pair inside its last item ("24
// and 31", "by client and by month").
func TestSplitListPairs(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"closed December 25 and January 1, open 10am to 4pm on December 24 and 31",
			[]string{"closed December 25 and January 1", "open 10am to 4pm on December 24 and 31"}},
		{"lasagne, ravioli and gnocchi", []string{"lasagne", "ravioli", "gnocchi"}},
		{"your profit by client and by month", []string{"your profit by client and by month"}},
	} {
		if got := splitList(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("splitList(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestTrimDangling: a subject cut short of its time ("timesheets by Friday at", from "...
// by Friday at 5pm") does not end on a little word on the title card.
func TestTrimDangling(t *testing.T) {
	for in, want := range map[string]string{
		"timesheets by Friday at": "timesheets by Friday",
		"the history of the":      "the history",
		"Café Luna":               "Café Luna",
		"at":                      "at",
	} {
		if got := trimDangling(in); got != want {
			t.Errorf("trimDangling(%q) = %q, want %q", in, got, want)
		}
	}
	if a := Analyze(videoagent.Brief{Prompt: "Remind employees to submit their timesheets by Friday at 5pm."}); a.Subject != "timesheets by Friday" {
		t.Errorf("subject %q", a.Subject)
	}
}

// TestParallel: what reads as a list's items. Words that are nouns as often as verbs
// ("clean energy", "store hours") do not make the first item an instruction.
func TestParallel(t *testing.T) {
	for _, tc := range []struct {
		parts []string
		want  bool
	}{
		{[]string{"clean energy", "lower bills", "quiet nights"}, true},
		{[]string{"store hours", "free parking", "a new café"}, true},
		{[]string{"unplug it", "wait ten seconds", "plug it back in"}, true},
		{[]string{"wear the vest", "stay inside the walkways", "do not use your phone"}, true},
		{[]string{"always wash your hands", "never leave a knife in the sink", "label everything you store"}, true},
		{[]string{"use a password manager", "never reuse passwords", "free parking"}, false},
		{[]string{"keep your medicines in a cool", "dry place", "away from sunlight"}, false},
		{[]string{"check your tyres every week", "because soft tyres wear out fast"}, false},
		{[]string{"nous ouvrons un coin enfants", "avec des lectures chaque mercredi"}, false},
	} {
		if got := parallel(tc.parts); got != tc.want {
			t.Errorf("parallel(%q) = %v, want %v", tc.parts, got, tc.want)
		}
	}
}

// TestDoesListRefusesOtherLists: lists of things, or of what several subjects do, are not
// read as what one thing does.
func TestDoesListRefusesOtherLists(t *testing.T) {
	for _, s := range []string{"Our bakery sells bread, cakes, and pastries.", "The app has tabs, lists, and charts.",
		"Paris hosts fairs, Rome hosts concerts, and Berlin hosts films.", "It scans receipts and tracks mileage."} {
		if got := doesList(s); got != nil {
			t.Errorf("%q read as what one thing does: %q", s, got)
		}
	}
}
