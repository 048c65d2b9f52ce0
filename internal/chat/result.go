package chat

// sceneAddressed reports whether an op edits particular scenes (meaningless after a
// replan rewrites the script).
func sceneAddressed(k OpKind) bool {
	switch k {
	case OpSetNarration, OpAddLine, OpSetSceneTitle, OpAddScene, OpRemoveScene, OpMoveScene, OpSwapScenes, OpSetMedia:
		return true
	case OpReplaceText:
		return true
	}
	return false
}

func (in *interp) result() Result {
	var r Result
	var descs []string
	if in.hasPlan {
		kept := in.items[:0]
		dropped := 0
		for _, it := range in.items {
			switch {
			case it.fact:
				// A line to mention goes into the brief the new script is written from.
				it = item{op: Op{Kind: OpAddLine, Text: it.op.Text}, desc: "mention " + quote(it.op.Text), fact: true}
			case sceneAddressed(it.op.Kind):
				dropped++
				continue
			}
			kept = append(kept, it)
		}
		in.items = kept
		if lang := in.replan.Language; lang != "" {
			// A voice chosen for the old language would read the new script: leave the
			// voice to the caster, which picks one of the new language.
			kept = in.items[:0]
			for _, it := range in.items {
				if it.op.Kind == OpSetVoice && !in.voiceSpeaks(it.op.VoiceID, lang) {
					continue
				}
				kept = append(kept, it)
			}
			in.items = kept
		}
		if dropped > 0 {
			in.note("I'll rewrite the script first, so I've left the scene edits for now — tell me about them when you see the new storyboard.")
		}
		r.Ops = append(r.Ops, in.replan)
		descs = append(descs, in.planDesc...)
	}
	for _, it := range in.items {
		r.Ops = append(r.Ops, it.op)
		if it.desc != "" {
			descs = append(descs, it.desc)
		}
	}
	if in.choice != nil {
		r.Choice = in.choice.ID
	}
	if in.state == StateReviewing && in.approve && !in.negative {
		r.Approve = true
	}
	if len(r.Ops) > 0 && (in.state == StateCompleted || in.follow) {
		r.FollowUp = true
	}
	r.Understood = len(r.Ops) > 0 || r.Choice != "" || r.Approve || in.thanks || in.ack || in.negative || len(in.notes) > 0
	r.Reply = in.reply(r, descs)
	return r
}

// voiceSpeaks reports whether voice id speaks lang (unknown voices are assumed to).
func (in *interp) voiceSpeaks(id, lang string) bool {
	for _, v := range in.ctx.Voices {
		if v.ID == id {
			return baseLang(voiceLocale(v)) == baseLang(lang)
		}
	}
	return true
}
