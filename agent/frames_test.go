package agent

import (
	"strings"
	"testing"
)

// TestFramesWithSubjects renders the frames that put a preposition or a verb before the
// user's words with a table of subjects (masculine, feminine, plural, with and without
// articles, names) and compares them with the text a native writer would expect.
func TestFramesWithSubjects(t *testing.T) {
	cases := []struct {
		lang string
		key  frameKey
		np   string
		want string
	}{
		// Spanish: "a" and "de" contract with "el", not with "la", "los", "las" or a name.
		{"es", fInvite, "el taller de cerámica del sábado", "Te invitamos al taller de cerámica del sábado."},
		{"es", fInvite, "la feria del libro", "Te invitamos a la feria del libro."},
		{"es", fInvite, "los talleres de verano", "Te invitamos a los talleres de verano."},
		{"es", fInvite, "una cata de vinos gratuita", "Te invitamos a una cata de vinos gratuita."},
		{"es", fWelcomeTo, "el Club de Remo Riverside", "¡Bienvenidos al Club de Remo Riverside!"},
		{"es", fWelcomeTo, "Panadería Trigo Vivo", "¡Bienvenidos a Panadería Trigo Vivo!"},
		{"es", fWelcomeTo, "El Corte Inglés", "¡Bienvenidos a El Corte Inglés!"},
		{"es", fMeet, "Verdía, una app que te avisa", "Te presentamos Verdía, una app que te avisa."},
		{"es", fTopic, "las ventajas de reciclar el plástico en casa", "El tema de hoy: las ventajas de reciclar el plástico en casa."},
		{"es", fAudience, "los camareros nuevos", "Este vídeo es para los camareros nuevos."},
		{"es", fHelloFrom, "la panadería Trigo Vivo", "¡Hola desde la panadería Trigo Vivo!"},
		// French: "à" and "de" contract with "le" and "les", and "de" elides before a vowel.
		{"fr", fInvite, "le salon du vélo", "Vous êtes invités au salon du vélo."},
		{"fr", fInvite, "les portes ouvertes de l'atelier", "Vous êtes invités aux portes ouvertes de l'atelier."},
		{"fr", fInvite, "la journée portes ouvertes", "Vous êtes invités à la journée portes ouvertes."},
		{"fr", fInvite, "l'atelier Bois Clair", "Vous êtes invités à l'atelier Bois Clair."},
		{"fr", fHelloFrom, "le Fournil", "Bonjour de la part du Fournil !"},
		{"fr", fHelloFrom, "les Ateliers Bois Clair", "Bonjour de la part des Ateliers Bois Clair !"},
		{"fr", fHelloFrom, "Atelier Bois Clair", "Bonjour de la part d'Atelier Bois Clair !"},
		{"fr", fHelloFrom, "la boulangerie Le Fournil", "Bonjour de la part de la boulangerie Le Fournil !"},
		{"fr", fWelcomeTo, "Harbor Dental", "Bienvenue chez Harbor Dental !"},
		{"fr", fMeet, "Pédalo, un service de vélos", "Voici Pédalo, un service de vélos."},
		{"fr", fAudience, "les nouveaux employés", "Cette vidéo est pour les nouveaux employés."},
		// German: the frames end in a colon before a noun phrase, or take the user's own
		// case (a topic keeps its preposition; "bei" and "von" take what "bei" and "von"
		// gave the organisation in the prompt).
		{"de", fMeet, "die Wärmepumpe Aerotherm", "Darf ich vorstellen: die Wärmepumpe Aerotherm."},
		{"de", fTopic, "die Vorteile von Wärmepumpen für Hausbesitzer", "Unser Thema heute: die Vorteile von Wärmepumpen für Hausbesitzer."},
		{"de", fInvite, "unser Sommerfest im Stadtpark", "Wir laden Sie ein zu: unser Sommerfest im Stadtpark."},
		{"de", fWelcomeTo, "der Bäckerei Schmidt", "Willkommen bei der Bäckerei Schmidt!"},
		{"de", fAudience, "neue Mitarbeiter", "Dieses Video ist für neue Mitarbeiter."},
		{"de", fHelloFrom, "dem Café Lindenblatt", "Hallo vom Café Lindenblatt!"},
		{"de", fWelcomeTo, "dem Ruderclub Riverside", "Willkommen beim Ruderclub Riverside!"},
		{"de", fHelloFrom, "Bäckerei Schmidt", "Hallo von Bäckerei Schmidt!"},
		// English: no contractions; articles stay as written.
		{"en", fInvite, "the Greenfield Hackathon", "You're invited to the Greenfield Hackathon."},
		{"en", fMeet, "Ledgerly, an app that reads your receipts", "Meet Ledgerly, an app that reads your receipts."},
		{"en", fWelcomeTo, "Harbor Dental", "Welcome to Harbor Dental!"},
		{"en", fAudienceFmt, "warehouse staff", "This safety training is for warehouse staff."},
	}
	for _, c := range cases {
		f, _ := framesFor(c.lang)
		got := f.frame(c.key, "np", c.np, "format", "safety training")
		if got != c.want {
			t.Errorf("%s %s %q: %q, want %q", c.lang, c.key, c.np, got, c.want)
		}
	}
	// Every frame of every language renders without a hole left open.
	for lang := range frameSets {
		f, _ := framesFor(lang)
		for k := range f {
			out := f.frame(k, "np", "X", "clause", "x", "list", "a, b", "n", "2", "text", "t", "url", "u.example",
				"author", "A", "quote", "Q.", "format", "video")
			if strings.ContainsAny(out, "{}") {
				t.Errorf("%s %s: %q leaves a slot", lang, k, out)
			}
		}
	}
}
