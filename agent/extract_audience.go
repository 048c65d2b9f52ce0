package agent

// Who a video is for.

import (
	"regexp"
	"strconv"
	"strings"
)

const peopleNouns = `board|board members|team|crew|department|class|employees|staff|hires|starters|developers|devs|engineers|designers|managers|leaders|executives|customers|clients|users|students|pupils|kids|children|parents|teachers|beginners|newcomers|nurses|doctors|patients|teams|members|partners|investors|founders|marketers|salespeople|sales reps|reps|homeowners|buyers|sellers|shoppers|owners|businesses|companies|startups|professionals|freelancers|creators|gamers|travell?ers|families|seniors|retirees|millennials|teens|teenagers|everyone|everybody|admins|administrators|operators|drivers|volunteers|donors|subscribers|readers|agents|recruiters|analysts|scientists|researchers|colleagues|coworkers|co-workers|workers|contractors|vendors|suppliers|shareholders|stakeholders|citizens|residents|guests|attendees|fans|athletes|runners|chefs|cooks|landlords|tenants|accountants|lawyers|physicians|caregivers|learners|trainees|interns|apprentices|baristas|cashiers|servers|waiters|waitresses|bartenders|technicians|mechanics|electricians|plumbers|pharmacists|dentists|hygienists|therapists|coaches|players|cleaners|housekeepers|receptionists|associates|supervisors|couriers|tellers|clerks|pilots|retailers|dealers|franchisees|people|audiences|empleados|clientes|usuarios|estudiantes|desarrolladores|principiantes|niños|padres|profesores|equipos|socios|inversores|mitarbeiter|mitarbeitende|mitarbeiterinnen|kunden|nutzer|studierende|entwickler|anfänger|kinder|eltern|lehrer|investoren|kollegen|auszubildende|hausbesitzer|eigentümer|führungskräfte|propietarios|propriétaires|employés|salariés|utilisateurs|étudiants|développeurs|débutants|enfants|enseignants|équipes|partenaires|investisseurs|collaborateurs|visitors|passengers|patrons|commuters|riders|diners|viewers|listeners|followers|campers|hikers|cyclists|applicants|candidates|contributors|sponsors|exhibitors|delegates|alumni|graduates|visiteurs|visitantes|besucher|lifeguards|guards|instructors|tutors|nannies|firefighters|officers|paramedics|rangers|guides|hosts|stewards|sailors|swimmers|graders|schoolchildren|toddlers|adults|moms|dads|mums|grandparents`

var (
	rePeopleEnd = regexp.MustCompile(`(?i)(?:^|[^\pL])(?:` + peopleNouns + `)$`)
	reAudience  = regexp.MustCompile(`(?i)(?:^|[^\pL])(?:for|aimed at|targeted at|targeting|to|para|für|pour|dirigido a|destinado a)\s+(` + audienceNP(4) + `)(?:$|[^\pL])`)
)

// audienceNP is the pattern of a group of people: up to n words, then a noun for people
// ("new warehouse staff", "kids").
func audienceNP(n int) string {
	return `(?:[\pL\pN'’-]+\s+){0,` + strconv.Itoa(n) + `}?(?:` + peopleNouns + `)`
}

func isPeople(np string) bool { return rePeopleEnd.MatchString(strings.TrimSpace(np)) }

var audiencePreps = map[string]bool{"for": true, "to": true, "at": true, "para": true, "für": true, "pour": true, "a": true, "of": true, "about": true, "on": true}

func (x *extractor) audience() string {
	m := reAudience.FindStringSubmatch(x.plain)
	if m == nil {
		return ""
	}
	ws := strings.Fields(m[1])
	for i := len(ws) - 1; i >= 0; i-- {
		if audiencePreps[strings.ToLower(ws[i])] {
			ws = ws[i+1:]
			break
		}
	}
	for len(ws) > 1 && (determiners[strings.ToLower(ws[0])] || strings.EqualFold(ws[0], "all")) {
		ws = ws[1:]
	}
	return strings.Join(ws, " ")
}
