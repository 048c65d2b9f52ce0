package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"text/tabwriter"
)

func init() {
	register("avatars", "List the presenters' looks (avatar ids for --avatar).", &avatarsCmd{}, "looks")
	register("voices", "List the voices (voice ids for --voice).", &voicesCmd{})
	register("styles", "List the visual styles (style ids for --style).", &stylesCmd{})
}

type avatarsCmd struct {
	clientFlags
	listFlags
}

func (c *avatarsCmd) Run(a *app) error {
	return listRun(a, &c.clientFlags, "/v3/avatars/looks"+c.query(nil), []string{"id", "name", "gender", "avatar_type"})
}

type voicesCmd struct {
	clientFlags
	listFlags
	Language string `help:"Only voices of this language (e.g. en, es-MX)."`
	Gender   string `enum:",female,male" default:"" help:"Only female or male voices."`
	Engine   string `help:"Only voices of this engine (espeak, festival, flite, openai)."`
}

func (c *voicesCmd) Run(a *app) error {
	q := url.Values{}
	for k, v := range map[string]string{"language": c.Language, "gender": c.Gender, "engine": c.Engine} {
		if v != "" {
			q.Set(k, v)
		}
	}
	return listRun(a, &c.clientFlags, "/v3/voices"+c.query(q), []string{"voice_id", "name", "language", "gender"})
}

type stylesCmd struct {
	clientFlags
	listFlags
	Tag string `help:"Only styles with this tag."`
}

func (c *stylesCmd) Run(a *app) error {
	q := url.Values{}
	if c.Tag != "" {
		q.Set("tag", c.Tag)
	}
	return listRun(a, &c.clientFlags, "/v3/video-agents/styles"+c.query(q), []string{"style_id", "name", "tags"})
}

// listRun gets a list endpoint and prints its items: the whole answer as JSON with --json,
// else a table of columns.
func listRun(a *app, cf *clientFlags, path string, columns []string) error {
	cl, err := cf.client(a)
	if err != nil {
		return err
	}
	raw, err := cl.doRaw(a.ctx, http.MethodGet, path, nil)
	if err != nil {
		return err
	}
	var page struct {
		Data      []map[string]any `json:"data"`
		HasMore   bool             `json:"has_more"`
		NextToken *string          `json:"next_token"`
	}
	if err := json.Unmarshal(raw, &page); err != nil {
		return fmt.Errorf("GET %s: unreadable answer: %w", path, err)
	}
	if cf.JSON {
		var v any
		json.Unmarshal(raw, &v)
		return printJSON(a.stdout, v)
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, strings.ToUpper(strings.Join(columns, "\t")))
	for _, it := range page.Data {
		cells := make([]string, len(columns))
		for i, col := range columns {
			cells[i] = cell(it[col])
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	tw.Flush()
	if page.HasMore && page.NextToken != nil {
		fmt.Fprintf(a.stderr, "more: --token %s\n", *page.NextToken)
	}
	return nil
}

func cell(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		if x == float64(int64(x)) {
			return fmt.Sprint(int64(x))
		}
		return fmt.Sprintf("%.1f", x)
	case []any:
		var s []string
		for _, e := range x {
			s = append(s, cell(e))
		}
		return strings.Join(s, ",")
	}
	b, _ := json.Marshal(v)
	return string(b)
}
