package agent_test

import (
	"strings"
	"testing"
)

// TestNewsFromOurPlace: a video for the user's own shop whose content is its news ("we now
// open at 11am ...") greets from the shop rather than introducing it as a product
// ("Introducing our ice cream shop." before), and the news, just shown as bullets, is not
// summed up by its first part ("To sum up: we now open at 11am on weekends.") or said again
// whole.
func TestNewsFromOurPlace(t *testing.T) {
	for _, tc := range []struct{ prompt, opening, title, news string }{
		{"Make a short video for our ice cream shop: we now open at 11am on weekends, and our new flavor is pistachio honey.",
			"Hello from our ice cream shop!", "Our ice cream shop", "open at 11am"},
		{"A reel for our bakery: our sourdough is back, and we now deliver on Sundays.",
			"Hello from our bakery!", "Our bakery", "deliver on Sundays"},
		{"Un video para nuestra panadería: ahora abrimos los domingos y tenemos pan sin gluten.",
			"¡Hola desde nuestra panadería!", "Nuestra panadería", "abrimos los domingos"},
	} {
		sc := planFor(t, tc.prompt).Scenes
		if sc[0].Narration != tc.opening {
			t.Errorf("%q opens %q, want %q", tc.prompt, sc[0].Narration, tc.opening)
		}
		if sc[0].Visual.Title != tc.title {
			t.Errorf("%q: title card %q, want %q", tc.prompt, sc[0].Visual.Title, tc.title)
		}
		if all := spoken(sc, false); strings.Count(all, tc.news) != 1 {
			t.Errorf("%q: the news said %d times: %q", tc.prompt, strings.Count(all, tc.news), all)
		}
	}
	// Someone else's place, or news not told by the user, is still introduced.
	sc := planFor(t, "A promo video for our Lisbon food tour: three hours, ten tastings, and a local guide.").Scenes
	if sc[0].Narration != "Introducing our Lisbon food tour." {
		t.Errorf("the food tour opens %q", sc[0].Narration)
	}
}
