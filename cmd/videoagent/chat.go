package main

import (
	"github.com/openvideoagent/videoagent/chat"
	"github.com/openvideoagent/videoagent/render"
)

// chatStyles are the styles a chat user may name, with their tags.
func chatStyles() []chat.Style {
	var out []chat.Style
	for _, s := range render.Styles() {
		out = append(out, chat.Style{ID: s.ID, Name: s.Name, Tags: s.Tags})
	}
	return out
}
