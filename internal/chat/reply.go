package chat

import (
	"fmt"
	"strings"
)

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

var approveReply = map[replyLang]string{
	langEN: "Great — rendering your video now. I'll let you know as soon as it's ready.",
	langES: "¡Perfecto! Estoy generando tu vídeo; te aviso en cuanto esté listo.",
	langDE: "Super — ich rendere jetzt dein Video und melde mich, sobald es fertig ist.",
	langFR: "Parfait — je lance le rendu de ta vidéo et je te préviens dès qu'elle est prête.",
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
	case langES:
		return fmt.Sprintf("¿Cuál prefieres? %s — responde con un número o un nombre, o di «elige tú».", strings.Join(list, ", "))
	case langDE:
		return fmt.Sprintf("Welche Option möchtest du? %s — antworte mit einer Zahl oder einem Namen, oder sag „du entscheidest“.", strings.Join(list, ", "))
	case langFR:
		return fmt.Sprintf("Laquelle préfères-tu ? %s — réponds avec un numéro ou un nom, ou dis « choisis pour moi ».", strings.Join(list, ", "))
	}
	return fmt.Sprintf("Which %s would you like? %s — reply with a number or a name, or say “you choose”.", kind, strings.Join(list, ", "))
}

// fallback is a specific reply to a message that named something (a scene, the voice,
// the style, the presenter) without a change that was understood; "" if none fits.
func (in *interp) fallback() string {
	if in.state == StateWaitingForInput || in.lang != langEN {
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
		sorry := map[replyLang]string{langEN: "Sorry, I didn't catch your choice.", langES: "Perdona, no he entendido tu elección.",
			langDE: "Entschuldigung, deine Wahl habe ich nicht verstanden.", langFR: "Désolé, je n'ai pas compris ton choix."}
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
	case langES:
		return "Perdona, no he entendido qué cambiar. Puedes decir, por ejemplo: «hazlo más corto», «30 segundos», «en vertical para TikTok», «en inglés», «quita la escena 3», «cambia la escena 2 para que diga …» o «añade subtítulos». Cuando te guste, di «adelante» y lo genero."
	case langDE:
		return "Entschuldigung, das habe ich nicht verstanden. Du kannst zum Beispiel sagen: „mach es kürzer“, „30 Sekunden“, „im Hochformat für TikTok“, „auf Englisch“, „entferne Szene 3“, „ändere Szene 2 zu: …“ oder „Untertitel an“. Wenn es dir gefällt, sag „sieht gut aus“ und ich rendere das Video."
	case langFR:
		return "Désolé, je n'ai pas compris la modification. Tu peux dire par exemple : « plus court », « 30 secondes », « en vertical pour TikTok », « en anglais », « supprime la scène 3 », « change la scène 2 pour dire … » ou « ajoute des sous-titres ». Quand ça te plaît, dis « c'est bon » et je lance le rendu."
	}
	examples := fmt.Sprintf("“make it 30 seconds”, “more energetic”, “use %s”, “a British voice”, “a darker style”, “vertical for TikTok”, “in Spanish”, “change scene 2 to say …”, “add a scene about pricing after scene 2”, “drop the last scene”, “swap scenes 2 and 3”, “change the title to …”, “change the call to action to …” or “turn on captions”", presenter)
	if in.state == StateCompleted {
		return "Sorry, I didn't catch that. I can make a new version of this video — for example " + examples + "."
	}
	return "Sorry, I didn't catch what to change. You can say things like " + examples + ". When you're happy with the storyboard, say “looks good” and I'll render it."
}
