package agent

import "regexp"

// domain is a small piece of world knowledge: when a prompt is about this domain and lists
// no features of its own, these items and this pain point make the script specific
// instead of generic. English only; other languages use their phrase set's fallbacks.
type domain struct {
	re    *regexp.Regexp
	items []string
	pain  string
}

var domains = []domain{
	{regexp.MustCompile(`(?i)project management|task|kanban|to-?do|productivity|workflow`),
		[]string{"shared task boards", "deadline reminders", "progress dashboards", "comments right on each task", "file sharing"},
		"deadlines slip and updates get lost in long email threads"},
	{regexp.MustCompile(`(?i)\bcrm\b|sales pipeline|leads|customer relationship`),
		[]string{"a shared contact timeline", "visual pipeline views", "automatic follow-up reminders", "forecast reports"},
		"promising leads go cold because nobody remembers to follow up"},
	{regexp.MustCompile(`(?i)budget|finance|expense|banking|bank|wallet|payment|\bpay\b|invoice|accounting`),
		[]string{"instant transfers", "clear spending insights", "secure card controls", "bill reminders"},
		"money moves in a dozen places and it's hard to see where it all goes"},
	{regexp.MustCompile(`(?i)fitness|workout|gym|exercise|running|yoga`),
		[]string{"guided workouts", "progress tracking", "personal goals", "rest-day reminders"},
		"motivation fades after the first few weeks"},
	{regexp.MustCompile(`(?i)language learning|learn (?:spanish|french|german|english|a language)|vocabulary`),
		[]string{"bite-sized lessons", "speaking practice", "daily streaks", "progress reviews"},
		"textbooks feel slow and it's hard to practise speaking"},
	{regexp.MustCompile(`(?i)security|password|authentication|privacy|phishing|cyber|gdpr|data protection`),
		[]string{"strong, unique passwords", "two-step verification", "spotting phishing emails", "reporting incidents quickly"},
		"one careless click can put the whole organisation at risk"},
	{regexp.MustCompile(`(?i)coffee|cafe|café|restaurant|bakery|food|recipe|meal|pizza|kitchen`),
		[]string{"fresh ingredients", "a seasonal menu", "easy online ordering", "friendly service"},
		"finding something good, quick and fresh is harder than it should be"},
	{regexp.MustCompile(`(?i)e-?commerce|online store|\bshop\b|fashion|clothing|apparel|sneakers|boutique`),
		[]string{"new arrivals every week", "free returns", "secure checkout", "fast delivery"},
		"online shopping too often means slow delivery and painful returns"},
	{regexp.MustCompile(`(?i)\bai\b|artificial intelligence|assistant|chatbot|automation|machine learning`),
		[]string{"instant answers", "automated workflows", "smart summaries", "privacy controls"},
		"hours disappear into repetitive work that a machine could handle"},
	{regexp.MustCompile(`(?i)\bapi\b|developer|sdk|cloud|database|deploy|devops|kubernetes|platform`),
		[]string{"a simple API", "clear documentation", "usage dashboards", "one-click deploys"},
		"developers spend more time on plumbing than on the product"},
	{regexp.MustCompile(`(?i)travel|hotel|trip|flight|booking|vacation|holiday`),
		[]string{"easy booking", "hand-picked destinations", "flexible cancellation", "support around the clock"},
		"planning a trip turns into hours of comparing tabs"},
	{regexp.MustCompile(`(?i)school|course|student|education|tutoring|e-?learning|classroom`),
		[]string{"interactive lessons", "progress tracking", "expert teachers", "flexible schedules"},
		"students lose momentum when lessons don't fit their pace"},
	{regexp.MustCompile(`(?i)health|clinic|doctor|patient|telehealth|medical|wellness`),
		[]string{"online appointments", "secure messaging", "prescription refills", "visit reminders"},
		"getting simple care means long waits and endless phone calls"},
	{regexp.MustCompile(`(?i)safety|warehouse|workplace|forklift|hazard|ppe`),
		[]string{"wearing protective equipment", "safe lifting", "keeping walkways clear", "reporting hazards"},
		"most accidents start with a small shortcut"},
	{regexp.MustCompile(`(?i)notes|note-taking|writing|docs|documents|wiki|knowledge base`),
		[]string{"quick capture", "powerful search", "shared notebooks", "offline access"},
		"good ideas get scattered across notebooks, chats and sticky notes"},
	{regexp.MustCompile(`(?i)headphones|earbuds|phone|camera|watch|smart home|speaker|gadget|device|laptop`),
		[]string{"all-day battery life", "a simple setup", "a companion app", "a sleek design"},
		"most gadgets promise a lot and make everyday use complicated"},
	{regexp.MustCompile(`(?i)solar|energy|battery|electric|climate|renewable`),
		[]string{"where the energy comes from", "how it is stored", "what it costs", "what it saves"},
		"energy bills keep rising and the options are confusing"},
	{regexp.MustCompile(`(?i)real estate|apartment|home buying|mortgage|property|rent`),
		[]string{"verified listings", "virtual tours", "transparent pricing", "local experts"},
		"finding the right home means endless listings and surprise costs"},
	{regexp.MustCompile(`(?i)marketing|social media|newsletter|campaign|seo|content`),
		[]string{"ready-made templates", "scheduling", "audience insights", "clear performance reports"},
		"content takes forever to make and it's hard to tell what works"},
	{regexp.MustCompile(`(?i)\bhr\b|hiring|recruit|payroll|employee|onboarding`),
		[]string{"simple onboarding checklists", "self-service time off", "one place for documents", "clear team directories"},
		"people questions pile up in inboxes and nobody has the full picture"},
}

// domainFor returns the first domain the subject (or, failing that, the prompt) belongs to.
func domainFor(subject, prompt string) *domain {
	for _, s := range []string{subject, prompt} {
		for i := range domains {
			if domains[i].re.MatchString(s) {
				return &domains[i]
			}
		}
	}
	return nil
}
