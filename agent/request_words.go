package agent

import "regexp"

// The words a request is read with: what asks for a video, what names it, what links it
// to its content, and the lengths and instructions about it that are never said.

// interjections may open a request: "hey, can you make ...".
var interjections = wordSet(`hey hi yo ok okay so hola hallo salut coucou`)

// requestVerbs open a request without a format noun: "Promote ...", "Explain how ...".
var requestVerbs = wordSet(`promote advertise sell pitch explain introduce present announce show teach invite
	welcome celebrate describe summarize summarise recap thank tell inform notify remind congratulate
	promociona anuncia explica presenta enseña invita resume resumid
	résume résumez présentez expliquez annoncez montrez promouvez
	bewirb erkläre stelle zeige kündige lade
	présente explique annonce montre invitez invite`)

var reInviteTo = regexp.MustCompile(`(?i)^\S+\s+(?:[\pL'’-]+\s+){0,5}?(?:to|a|à|zu|zur|zum)\s+(.+)$`)

// wrapperWords may stand in the wrapper of a request before its format noun: verbs of
// asking, articles, lengths, adjectives, platforms and kinds of video, in en, es, de, fr.
var wrapperWords = wordSet(`please pls can could would will you me us i i'd we we'd like need want to let's lets
	create make produce generate write build design record render put together give draft do prepare craft
	a an the one some our my new short quick brief simple fun engaging friendly professional upbeat punchy
	energetic catchy little snappy lively polished clean modern warm calm playful bold informative internal
	funny humorous witty cute cool fun-filled exciting emotional inspiring heartfelt elegant minimal cinematic
	dramatic clear concise compelling persuasive viral trendy festive cozy fresh premium quick-fire
	minute segundo minuto seconde minut sekunde
	investor investors elevator startup client partner recruiting hiring birthday thank-you thank year-end end-of-year
	employee staff all-hands
	second seconds minute minutes sec secs min mins long half
	instagram tiktok tik tok youtube linkedin facebook snapchat twitter x social media vertical horizontal square
	portrait landscape shorts story stories feed
	product sales training onboarding marketing launch welcome recap event company team customer corporate
	brand branded animated narrated talking presenter avatar hr safety compliance quarterly weekly monthly
	holiday seasonal promotional educational how-to step-by-step 9:16 16:9 1:1
	crea haz genera produce escribe necesito quiero prepara un una el la unos breve corto corta rápido rápida
	nuevo nueva segundos minutos de vídeo video explicativo promocional
	erstelle erstellen erstell mach mache generiere produziere schreibe ich brauche möchte bitte ein eine einen
	kurzes kurze kurzen kleines neues sekündiges sekündige minütiges minütige sekunden minuten
	crée créez créer fais faites génère produis écris je veux voudrais une un courte court petite nouvelle
	secondes de`)

// formatNouns are the nouns that name the video itself.
var formatNouns = wordSet(`welcome reminder notice memo alert bulletin heads-up recordatorio aviso erinnerung hinweis rappel avis tiktok story stories post hello greeting shout-out formación capacitación curso rückblick video videos clip clips reel reels short explainer walkthrough walk-through tutorial ad
	advert ads promo commercial teaser pitch recap update overview announcement invitation message presentation
	spot intro demo tour guide lesson training module briefing digest round-up roundup summary film piece
	script scripts storyboard showcase spotlight vídeo vídeos anuncio resumen presentación mensaje invitación tutorial guía
	erklärvideo erklärfilm produktvideo werbevideo werbespot anleitung schulung einladung ankündigung präsentation
	zusammenfassung vidéo vidéos tutoriel annonce formation démo résumé présentation`)

// topicPreps introduce what a video is about.
var topicPreps = wordSet(`auf about on of regarding covering sobre acerca de del über zu zum zur von um sur du des à propos`)

// tellingVerbs link a video to what it tells its audience: "a video telling people
// (that) we now offer ...", "letting customers know ...".
var tellingVerbs = wordSet(`telling tells letting informing informs reminding warning`)

// forPreps introduce either an audience or the subject: "for new hires", "for Ironside".
var forPreps = wordSet(`for para für pour`)

// aboutVerbs are participles and verbs that link a format noun to its content:
// "a video teaching ...", "a reel announcing that ...", "an ad that shows ...".
var aboutVerbs = wordSet(`telling tells letting informing informs reminding warning explaining explains explain showing shows show teaching teaches teach introducing
	introduces introduce announcing announces announce presenting presents present promoting promotes promote
	inviting invites invite welcoming welcomes welcome celebrating celebrates celebrando célébrant fêtant describing describes walking walks
	telling tells sharing shares highlighting highlights covering covers giving gives thanking thanks thank
	agradeciendo agradecer danken remercier remerciant
	explicando mostrando enseñando presentando anunciando invitando
	erklärt zeigt erkläre zeige stellt vor
	expliquant montrant présentant annonçant invitant explique montre présente annonce
	annoncer présenter expliquer montrer inviter promouvoir anunciar presentar explicar mostrar invitar
	promocionar ankündigen zeigen erklären vorstellen einladen bewerben`)

// sumVerbs ask to sum a topic up ("Summarize our Q3 results: ..."), which the video
// names as its topic rather than introducing it as a product.
var sumVerbs = wordSet(`summarize summarise recap resume résume résumez`)

// tellVerbs ask to tell someone something: "Tell customers (that) our hours change".
var tellVerbs = wordSet(`tell inform notify remind`)

// reThatClause is what a request verb says is so: "that our clinic moves ...".
var reThatClause = regexp.MustCompile(`(?i)^(?:that|que|dass)\s+(.+)$`)

// explainVerbs explain what the video is about: no product to introduce.
var explainVerbs = wordSet(`explaining explains explain describing describes describe explicando erklärt erkläre expliquant explique`)

// celebrateVerbs celebrate something: "a video celebrating our 10th anniversary".
var celebrateVerbs = wordSet(`celebrate celebrating celebrates celebrando celebrar celebra feiern feiert célébrer célébrant célèbre fêter fêtant`)

// thankVerbs thank someone: "a video thanking our volunteers for ...".
var thankVerbs = wordSet(`thanking thanks thank agradeciendo agradecer danken remercier remerciant`)

// relatives link a format noun to a verb: "a video that explains ...".
var relatives = wordSet(`that which where que das der die qui`)

var reWhStart = regexp.MustCompile(`(?i)^(?:how|why|what|when|where|who|which|whether|cómo|por qué|qué|cuándo|dónde|quién|wie|warum|was|wann|wo|wer|weshalb|comment|pourquoi|quand|où|qui|ce que|qu'est-ce)\b`)

// reListTail cuts a list off a request's content: "TaskFlow, a project app, highlighting
// task boards, ..." keeps "TaskFlow, a project app"; the list is spoken on its own.
var reListTail = regexp.MustCompile(`(?i)(?:,\s*|\s+)(?:highlighting|featuring|showcasing|covering|including|with (?:features|tips|steps|sections) (?:like|such as)|focusing on|that (?:covers|highlights|shows)|destacando|incluyendo|mit (?:den )?(?:Funktionen|Themen)|avec|notamment)\b.*$`)

// reMetaTail cuts instructions about the video off its content: tone, ending, length.
var reMetaTail = regexp.MustCompile(`(?i)(?:,?\s*\bbased\s+on\b|,?\s*(?:and\s+)?(?:then\s+)?(?:ending|end|finish|finishing|close|closing|wrap(?:ping)? up)\s+(?:it\s+)?(?:with|by|on)\b|,?\s*\bwith\s+an?\s+(?:call[- ]to[- ]action|cta)\b|\bcall[- ]to[- ]action\b|\bcta\b|,?\s*\bin\s+an?\s+[\pL-]+(?:\s+and\s+[\pL-]+)?\s+(?:tone|style|voice|way)\b|,?\s*(?:and\s+)?\b(?:use|using|with)\s+an?\s+[\pL-]+(?:\s+and\s+[\pL-]+)?\s+(?:tone|voice)\b|,?\s*\b(?:keep|make)\s+it\b|,?\s*\bfor\s+(?:tiktok|instagram|youtube|linkedin|facebook|reels|shorts|social media)\b|,?\s*\bon\s+(?:tiktok|instagram|youtube|linkedin|facebook)\b|,?\s*\b(?:in|into|auf|en)\s+(?:english|spanish|german|french|deutsch|español|français|inglés|englisch|spanisch|französisch|anglais|espagnol|allemand)\b).*$`)

// welcomeGreetings follow "welcome" in a greeting to the viewers, not in a request.
var welcomeGreetings = wordSet(`aboard back home everyone everybody all onboard`)

// reLeadLength is a length right after a verb of asking: "in 45 seconds", "in under a
// minute", "within 2 minutes,".
var reLeadLength = regexp.MustCompile(`(?i)^(?:in|within|under)\s+(?:(?:under|less than|about|around|roughly|just|only|no more than)\s+)?(?:\d+(?:[.,]\d+)?|a|an|one|two|three|four|five|ten|fifteen|twenty|thirty|forty-five|forty|fifty|sixty|ninety|half a)\s*-?\s*(?:seconds?|secs?|s|minutes?|mins?)\b[\s,:]*`)

// reTrailLength is a length at the end of a request ("Explain X in 45 seconds").
var reTrailLength = regexp.MustCompile(`(?i)[\s,]+(?:in|within|under)\s+(?:(?:under|less than|about|around|roughly|just|only|no more than)\s+)?(?:\d+(?:[.,]\d+)?|a|an|one|two|three|four|five|ten|fifteen|twenty|thirty|forty-five|forty|fifty|sixty|ninety|half a)\s*-?\s*(?:seconds?|secs?|minutes?|mins?)\s*$`)
