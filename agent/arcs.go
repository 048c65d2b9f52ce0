package agent

// arc returns the body beats of the analysis's kind, in narrative order, with priorities.
// The title and call-to-action scenes are not part of it. slots is how many body scenes
// the length allows, which decides whether tutorial steps share scenes.
//
// The arcs:
//
//	product:      problem, solution, features..., how it works, example, numbers, quote, audience
//	explainer:    question, basics, overview, points..., example, numbers, quote, myth, why, check, recap or summary
//	announcement: what's new, highlights..., why it matters, numbers, quote, availability, audience
//	tutorial:     overview, steps..., tip, recap
//	training:     objectives, points..., scenario, mistakes, example, why, check, tip, recap
//	sales:        problem, cost, solution, benefits..., numbers, quote, offer, how, audience, example, why
//	social_ad:    problem, pitch, points..., numbers, offer, try it, audience
//	recap:        overview, stories..., numbers, quote, what's next
//	welcome:      about us, first steps..., your team, tip
//	event:        what it is, when and where, highlights..., why come, audience
func (c *composer) arc(slots int) []beat {
	a := c.a
	var out []beat
	add := func(key string, pri int, ok bool) {
		if ok {
			out = append(out, beat{key: key, pri: pri})
		}
	}
	items := func(key string, first, rest int) {
		for i := range c.items {
			pri := rest
			switch {
			case i >= c.nItems:
				pri = 5 // a fallback, used only when the length asks for more
				if c.nItems == 0 && i < 2 && (a.Kind == KindProduct || a.Kind == KindTraining || a.Kind == KindWelcome || a.Kind == KindSocialAd) {
					pri = rest
				}
			case i < 2:
				pri = first
			case i < 4:
				pri = (first + rest) / 2
			}
			out = append(out, beat{key: key, pri: pri, items: []int{i}})
		}
	}
	stats := func(pri int) {
		for i := range a.Stats {
			out = append(out, beat{key: "stat", pri: pri + i, items: []int{i}})
		}
	}
	quotes := func(pri int) {
		for i := range a.Quotes {
			out = append(out, beat{key: "quote", pri: pri + i, items: []int{i}})
		}
	}
	has := func(s string) bool { return s != "" }
	list := len(c.itemList(4)) >= 2

	switch a.Kind {
	case KindProduct:
		add("problem", 2, true)
		add("solution", 1, true)
		items("item", 1, 3)
		add("how", 3, true)
		add("example", 4, true)
		stats(2)
		quotes(3)
		add("audience", 4, has(c.vars["audience"]))
		add("why", 5, true)
	case KindExplainer:
		add("question", 2, true)
		add("basics", 1, true)
		add("overview", 4, list && c.nItems >= 3)
		items("item", 1, 3)
		add("example", 3, true)
		stats(2)
		quotes(3)
		add("myth", 3, true)
		add("why", 2, true)
		add("check", 5, true)
		add("recap", 4, list)
		add("summary", 4, !list)
	case KindAnnouncement:
		add("news", 1, true)
		items("item", 2, 3)
		add("why", 2, true)
		stats(2)
		quotes(3)
		add("availability", 1, true)
		add("audience", 4, has(c.vars["audience"]))
		add("ahead", 5, true)
	case KindTutorial:
		add("overview", 3, list)
		c.stepBeats(&out, slots)
		add("tip", 3, true)
		add("example", 5, true)
		add("recap", 2, list)
	case KindTraining:
		add("objectives", 1, list)
		items("item", 1, 3)
		add("scenario", 2, true)
		add("mistake", 4, true)
		add("example", 5, true)
		add("why", 3, true)
		add("check", 4, true)
		add("tip", 5, true)
		add("recap", 2, list)
	case KindSales:
		add("problem", 1, true)
		add("cost", 3, true)
		add("solution", 1, true)
		items("item", 2, 3)
		stats(2)
		quotes(2)
		add("offer", 2, has(c.vars["offer"]))
		add("how", 3, true)
		add("audience", 3, has(c.vars["audience"]))
		add("example", 4, true)
		add("why", 5, true)
	case KindSocialAd:
		add("problem", 3, !has(c.vars["offer"]) && c.hasPain)
		add("solution", 1, true)
		items("item", 2, 3)
		stats(2)
		add("offer", 1, has(c.vars["offer"]))
		add("urgency", 2, true)
		add("audience", 4, has(c.vars["audience"]))
	case KindRecap:
		add("overview", 2, list)
		items("item", 1, 3)
		stats(2)
		quotes(3)
		add("example", 5, true)
		add("ahead", 2, true)
	case KindWelcome:
		add("about", 1, true)
		items("item", 2, 3)
		add("people", 2, true)
		add("example", 5, true)
		add("tip", 3, true)
	case KindEvent:
		add("invite.what", 1, true)
		add("details", 1, has(a.When) || has(a.Where))
		items("item", 2, 3)
		add("invite.why", 2, true)
		add("audience", 4, has(c.vars["audience"]))
		add("tip", 5, true)
	}
	return out
}

// stepBeats adds a tutorial's steps: one scene per step when the length allows, else
// consecutive steps share scenes, so that no step is ever dropped.
func (c *composer) stepBeats(out *[]beat, slots int) {
	n := len(c.items)
	if n == 0 {
		return
	}
	groups := n
	if slots < n {
		groups = slots
	}
	if groups < 1 {
		groups = 1
	}
	i := 0
	for g := 0; g < groups; g++ {
		size := (n - i) / (groups - g)
		b := beat{key: "step", pri: 1}
		for k := 0; k < size; k++ {
			b.items = append(b.items, i)
			i++
		}
		*out = append(*out, b)
	}
}

// choose picks the n most essential beats, keeping the arc's order.
func choose(beats []beat, n int) []beat {
	if n >= len(beats) {
		return beats
	}
	if n < 0 {
		n = 0
	}
	keep := make([]bool, len(beats))
	for pri := 0; n > 0 && pri <= 9; pri++ {
		for i, b := range beats {
			if n > 0 && b.pri == pri && !keep[i] {
				keep[i] = true
				n--
			}
		}
	}
	var out []beat
	for i, b := range beats {
		if keep[i] {
			out = append(out, b)
		}
	}
	return out
}
