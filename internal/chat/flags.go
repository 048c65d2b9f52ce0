package chat

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
