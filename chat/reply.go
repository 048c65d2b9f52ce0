package chat

import (
	"fmt"
	"strings"
)

// ---- flags: approval, thanks, plain confirmations, follow-up -------------------------

var (
	reApprove    = rx(`\blooks?\s+(?:good|great|fine|perfect|amazing|awesome|nice|fantastic|excellent|solid)\b|\bsounds?\s+(?:good|great|perfect)\b|\blgtm\b|\bgo\s+ahead\b|\bgo\s+for\s+it\b|\bship\s+it\b|\brender\s+(?:it|the\s+video|this|away|now)\b|\b(?:start|begin)\s+(?:the\s+)?render(?:ing)?\b|\bmake\s+the\s+video\b|\bgenerate\s+(?:it|the\s+video)\b|\bproduce\s+it\b|\bapproved?\b|\bperfect\b|\bgreat\b|\bawesome\b|\bexcellent\b|\blove\s+it\b|\bi\s+like\s+it\b|\bgood\s+to\s+go\b|\ball\s+good\b|\blet'?s\s+go\b|\bdo\s+it\b|\bthat\s+works\b|\bworks\s+for\s+me\b|\bhappy\s+with\s+(?:it|this|that)\b|👍|✅|👌|🚀|💯|\bse\s+ve\s+bien\b|\bme\s+gusta\b|\bperfecto\b|\badelante\b|\bdale\b|\bgenial\b|\baprobado\b|\bestá\s+(?:bien|perfecto)\b|\bhazlo\b|\blisto\b|\bexcelente\b|\bme\s+encanta\b|\bsieht\s+(?:gut|super|toll|prima|klasse)\s+aus\b|\bpasst\b|\bperfekt\b|\blos\s+geht'?s\b|\bmach(?:'s)?\s+(?:weiter|so)\b|\bleg\s+los\b|\bgefällt\s+mir\b|\bsuper\b|\beinverstanden\b|\bfreigegeben\b|\bgenehmigt\b|\bklingt\s+gut\b|\bprima\b|\btoll\b|ça\s+me\s+va\b|\bc'est\s+(?:bon|parfait|super|génial|nickel)\b|\bparfait\b|\bvas-y\b|\ballez-y\b|ça\s+marche\b|\bgénial\b|\bapprouvé|\bnickel\b|\bimpeccable\b|\bj'adore\b|\blance[sz]?(?:-le|-la)?\b|\bon\s+y\s+va\b`)
	reRenderVerb = rx(`\bgo\s+ahead\b|\brender\b|\bship\s+it\b|\bgenerate\b|\bproduce\s+it\b|\bgo\s+for\s+it\b|\badelante\b|\brendere\b|\blos\s+geht'?s\b|\bvas-y\b|\ballez-y\b|\blance\b`)
	reYes        = rx(`^\s*(?:yes|yep|yeah|yup|sure|absolutely|definitely|of\s+course|sí|si|ja|jawohl|oui|ouais)\b`)
	reNegBefore  = rx(`\b(?:not|don't|dont|doesn't|isn't|never|nicht|pas|nunca|no\s+me|no)\s+(?:\S+\s+){0,2}$`)
	reNo         = rx(`^\s*(?:no|nope|nah|not\s+yet|wait|hold\s+on|stop|nein|noch\s+nicht|non|pas\s+encore|todavía\s+no|espera|warte)\b|\bdon't\s+like\b|\bnot\s+(?:good|great|right|quite|what\s+i)\b|\bhate\s+it\b|\bno\s+me\s+gusta\b|\bgefällt\s+mir\s+nicht\b|\bça\s+ne\s+me\s+plaît\s+pas\b`)
	reThanks     = rx(`\b(?:thanks|thank\s+you|thx|ty|cheers|much\s+appreciated|appreciate\s+it|gracias|danke|merci)\b`)
	reOK         = rx(`^\s*(?:ok(?:ay)?|k|alright|all\s+right|cool|nice|fine|got\s+it|vale|d'accord|bien|okey|gut|in\s+ordnung|de\s+acuerdo|entendido|understood)\s*[.!]*\s*$`)
	rePraise     = rx(`\b(?:nice|good|cool|lovely|beautiful|fine|neat|wow|bien|bueno|bonito|schön|gut|joli|beau)\b`)
	reFollow     = rx(`\b(?:now|next|also|then)\b[^.]*\b(?:version|cut|variant)\b|\b(?:another|a\s+second|one\s+more|a\s+new|a\s+separate)\s+(?:version|cut|variant|video)\b|\bversion\s+for\b`)
)

func (in *interp) parseFlags() {
	w := in.m.w
	if reFollow.MatchString(w) && in.sb != nil {
		in.follow = true
	}
	if reNo.MatchString(w) {
		in.negative = true
	}
	if loc := reApprove.FindStringIndex(w); loc != nil {
		if reNegBefore.MatchString(w[:loc[0]]) {
			in.negative = true
		} else if len(in.items) == 0 && !in.hasPlan || reRenderVerb.MatchString(w) {
			in.approve = true
		} else {
			in.ack = true
		}
	}
	if in.state == StateReviewing && reYes.MatchString(w) && !in.negative && (len(in.items) == 0 && !in.hasPlan || reRenderVerb.MatchString(w)) {
		in.approve = true
	}
	if reThanks.MatchString(w) {
		in.thanks = true
	}
	if reOK.MatchString(w) || rePraise.MatchString(w) {
		in.ack = true
	}
	if in.state != StateReviewing && in.approve {
		in.approve = false
		in.ack = true
	}
}

// ---- replies -------------------------------------------------------------------------

func (in *interp) reply(r Result, descs []string) string {
	var b strings.Builder
	notes := strings.Join(in.notes, " ")
	switch {
	case !r.Understood:
		if fb := in.fallback(); fb != "" {
			return fb
		}
		return in.help()
	case in.choice != nil:
		fmt.Fprintf(&b, "Great — I'll go with %s.", in.choice.Name)
		if len(descs) > 0 {
			fmt.Fprintf(&b, " I'll also %s.", joinAnd(descs))
		}
	case len(descs) > 0:
		switch {
		case in.sb == nil:
			b.WriteString("Noted — when I write the storyboard I'll " + joinAnd(descs))
		case r.FollowUp:
			b.WriteString("Sure — for the new version I'll " + joinAnd(descs))
		default:
			b.WriteString("Got it — I'll " + joinAnd(descs))
		}
		if r.Approve {
			b.WriteString(", then render the video")
		}
		b.WriteString(".")
	case r.Approve:
		return approveReply[in.lang]
	case in.negative && in.state == StateReviewing:
		b.WriteString("No problem — tell me what to change, for example “make it shorter”, “use another presenter” or “change scene 2 to say …”.")
	case (in.ack || in.thanks) && in.state == StateCompleted:
		if in.thanks {
			b.WriteString("You're welcome! ")
		} else {
			b.WriteString("Glad you like it! ")
		}
		b.WriteString("If you'd like another version — shorter, vertical for social media, in another language or with another presenter — just tell me.")
	case (in.ack || in.thanks) && in.state == StateReviewing:
		if in.thanks {
			b.WriteString("You're welcome! ")
		}
		b.WriteString("Shall I render it now? Say “go ahead” to render, or tell me what to change.")
	case in.ack || in.thanks:
		if in.thanks {
			b.WriteString("You're welcome!")
		}
	}
	if notes != "" {
		if b.Len() > 0 {
			b.WriteString(" ")
		}
		b.WriteString(notes)
	}
	if in.state == StateWaitingForInput && in.choice == nil && len(in.ctx.Options) > 0 {
		if b.Len() > 0 {
			b.WriteString(" ")
		}
		b.WriteString(in.question())
	}
	if b.Len() == 0 {
		return in.help()
	}
	return b.String()
}

var approveReply = map[string]string{
	"en": "Great — rendering your video now. I'll let you know as soon as it's ready.",
	"es": "¡Perfecto! Estoy generando tu vídeo; te aviso en cuanto esté listo.",
	"de": "Super — ich rendere jetzt dein Video und melde mich, sobald es fertig ist.",
	"fr": "Parfait — je lance le rendu de ta vidéo et je te préviens dès qu'elle est prête.",
}

// question asks again for one of the offered options.
func (in *interp) question() string {
	opts := in.ctx.Options
	var list []string
	for i, o := range opts {
		list = append(list, fmt.Sprintf("%d. %s", i+1, o.Name))
	}
	kind := opts[0].Kind
	if kind == OptionAvatar {
		kind = "presenter"
	}
	switch in.lang {
	case "es":
		return fmt.Sprintf("¿Cuál prefieres? %s — responde con un número o un nombre, o di «elige tú».", strings.Join(list, ", "))
	case "de":
		return fmt.Sprintf("Welche Option möchtest du? %s — antworte mit einer Zahl oder einem Namen, oder sag „du entscheidest“.", strings.Join(list, ", "))
	case "fr":
		return fmt.Sprintf("Laquelle préfères-tu ? %s — réponds avec un numéro ou un nom, ou dis « choisis pour moi ».", strings.Join(list, ", "))
	}
	return fmt.Sprintf("Which %s would you like? %s — reply with a number or a name, or say “you choose”.", kind, strings.Join(list, ", "))
}

// fallback is a specific reply to a message that named something (a scene, the voice,
// the style, the presenter) without a change that was understood; "" if none fits.
func (in *interp) fallback() string {
	if in.state == StateWaitingForInput || in.lang != "en" {
		return ""
	}
	w := in.m.w
	if ts := in.m.sceneToks(w); len(ts) > 0 && in.sb != nil {
		if _, pos, ok := in.scene(ts[0]); ok {
			in.notes = nil
			return fmt.Sprintf("What should I change in scene %d? For example “change scene %d to say …”, “change the title of scene %d to …”, “remove scene %d”, “move scene %d to the end” or “use this image in scene %d” with an image attached.", pos, pos, pos, pos, pos, pos)
		}
	}
	if reVoiceNoun.MatchString(w) && len(in.ctx.Voices) > 0 {
		return "I can change the voice by accent, gender or name — for example “a British voice”, “a deeper voice” or “a female voice”."
	}
	if reStyleNoun.MatchString(w) && len(in.ctx.Styles) > 0 {
		var names []string
		for _, st := range in.ctx.Styles {
			names = append(names, st.Name)
		}
		return fmt.Sprintf("Which style would you like? I have %s — or describe it: “darker”, “more colourful”, “more minimal”.", strings.Join(names, ", "))
	}
	if rePresenterNoun.MatchString(w) && len(in.ctx.Looks) > 0 {
		return fmt.Sprintf("I can change the presenter by name, gender or outfit — for example “use %s” or “someone in casual clothes”. Presenters: %s.", personName(in.ctx.Looks[0]), in.lookNames())
	}
	return ""
}

// help is the reply to a message that was not understood: what the user can say.
func (in *interp) help() string {
	if in.state == StateWaitingForInput && len(in.ctx.Options) > 0 {
		sorry := map[string]string{"en": "Sorry, I didn't catch your choice.", "es": "Perdona, no he entendido tu elección.",
			"de": "Entschuldigung, deine Wahl habe ich nicht verstanden.", "fr": "Désolé, je n'ai pas compris ton choix."}
		return sorry[in.lang] + " " + in.question()
	}
	if in.state == StateWaitingForInput {
		return "Sorry, I didn't catch that. Tell me the presenter, voice, style, length or format you'd like — for example “use a male presenter”, “30 seconds” or “vertical for TikTok”."
	}
	presenter := "Marcus"
	if cur, ok := in.currentLook(); ok {
		for _, l := range in.ctx.Looks {
			if groupOf(l) != groupOf(cur) {
				presenter = personName(l)
				break
			}
		}
	} else if len(in.ctx.Looks) > 0 {
		presenter = personName(in.ctx.Looks[0])
	}
	switch in.lang {
	case "es":
		return "Perdona, no he entendido qué cambiar. Puedes decir, por ejemplo: «hazlo más corto», «30 segundos», «en vertical para TikTok», «en inglés», «quita la escena 3», «cambia la escena 2 para que diga …» o «añade subtítulos». Cuando te guste, di «adelante» y lo genero."
	case "de":
		return "Entschuldigung, das habe ich nicht verstanden. Du kannst zum Beispiel sagen: „mach es kürzer“, „30 Sekunden“, „im Hochformat für TikTok“, „auf Englisch“, „entferne Szene 3“, „ändere Szene 2 zu: …“ oder „Untertitel an“. Wenn es dir gefällt, sag „sieht gut aus“ und ich rendere das Video."
	case "fr":
		return "Désolé, je n'ai pas compris la modification. Tu peux dire par exemple : « plus court », « 30 secondes », « en vertical pour TikTok », « en anglais », « supprime la scène 3 », « change la scène 2 pour dire … » ou « ajoute des sous-titres ». Quand ça te plaît, dis « c'est bon » et je lance le rendu."
	}
	examples := fmt.Sprintf("“make it 30 seconds”, “more energetic”, “use %s”, “a British voice”, “a darker style”, “vertical for TikTok”, “in Spanish”, “change scene 2 to say …”, “add a scene about pricing after scene 2”, “drop the last scene”, “swap scenes 2 and 3”, “change the title to …”, “change the call to action to …” or “turn on captions”", presenter)
	if in.state == StateCompleted {
		return "Sorry, I didn't catch that. I can make a new version of this video — for example " + examples + "."
	}
	return "Sorry, I didn't catch what to change. You can say things like " + examples + ". When you're happy with the storyboard, say “looks good” and I'll render it."
}
