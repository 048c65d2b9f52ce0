// Package prompttable is a table of prompts, as users write them, with the facts each
// one gives. The offline planner's tests check that its narration says every fact, that
// nothing it says or shows has another source than the prompt, the files or a fixed
// structural phrase, that no card is empty, and that the length is what was asked; the
// end-to-end tests render a sample of it.
//
// The prompts are across kinds of video, languages (en, es, de, fr), lengths from 10 s to
// 3 min, social formats, thin and rich prompts, with and without files.
package prompttable

import "github.com/openvideoagent/videoagent"

// Case is one request and what its script must say.
type Case struct {
	Name  string
	Brief videoagent.Brief
	// Facts must each appear in the narration (case-insensitive).
	Facts []string
	// Lang is the narration's primary language subtag.
	Lang string
	// Thin marks a prompt that gives too little to fill the length asked honestly (without
	// saying a sentence twice): its video may be shorter than asked (and the session says
	// why).
	Thin bool
}

func doc(name, text string, pages ...string) videoagent.Material {
	return videoagent.Material{Name: name, Kind: videoagent.MaterialDocument, AssetID: "asset-" + name, MimeType: "application/pdf", Text: text, Pages: pages}
}

// Cases is the table.
var Cases = []Case{
	{Name: "en product 30s", Lang: "en", Brief: videoagent.Brief{Prompt: "Make a 30-second product video for Brightdesk, a standing desk that remembers four height presets and reminds you to stand every 45 minutes. It ships in oak and walnut. Order at https://brightdesk.example/order."},
		Facts: []string{"Brightdesk", "four height presets", "every 45 minutes", "oak and walnut", "brightdesk.example/order"}},
	{Name: "en onboarding abbreviation 35s", Lang: "en", Brief: videoagent.Brief{Prompt: "Create a 35-second onboarding video for new nurses at St. Mary Hospital: badge pickup is at the front desk, orientation starts Monday at 8am in room 204, and every nurse shadows a senior nurse for two weeks."},
		Facts: []string{"St. Mary Hospital", "badge pickup is at the front desk", "orientation starts Monday at 8am in room 204", "shadows a senior nurse for two weeks"},
		// Three facts in one sentence: said once, they fill about 28 s (a restatement of the first alone undersold them).
		Thin: true},
	{Name: "en announcement title 15s", Lang: "en", Brief: videoagent.Brief{Prompt: "A 15-second announcement: Dr. Alvarez joins the Northside Clinic on May 2 and sees patients on Tuesdays and Thursdays."},
		Facts: []string{"Dr. Alvarez joins the Northside Clinic on May 2", "Tuesdays and Thursdays"}},
	{Name: "en welcome to apposition", Lang: "en", Brief: videoagent.Brief{Prompt: "A short welcome to Crumb & Co, the bakery on Elm Street that bakes sourdough every morning at 5."},
		Facts: []string{"Welcome to Crumb & Co", "the bakery on Elm Street that bakes sourdough every morning at 5"}},
	{Name: "en welcome to audience message", Lang: "en", Brief: videoagent.Brief{Prompt: "A welcome to Harbor Dental for new patients: parking is free behind the building and check-in opens 15 minutes before your appointment."},
		Facts: []string{"Welcome to Harbor Dental", "parking is free behind the building", "check-in opens 15 minutes before your appointment"}},
	{Name: "en tutorial steps 40s", Lang: "en", Brief: videoagent.Brief{Prompt: "Create a 40-second tutorial on how to reset the Kettlebot coffee machine: unplug it for ten seconds, hold the brew button while plugging it back in, wait for the blue light, then run one cycle of plain water."},
		Facts: []string{"reset the Kettlebot coffee machine", "unplug it for ten seconds", "hold the brew button", "wait for the blue light", "run one cycle of plain water"}},
	{Name: "en tiktok 15s", Lang: "en", Thin: true, Brief: videoagent.Brief{Prompt: "15-second TikTok for Pasta Nonna: our fresh ravioli is now half price every Tuesday."},
		Facts: []string{"Pasta Nonna", "fresh ravioli is now half price every Tuesday"}},
	{Name: "en announcement 20s", Lang: "en", Brief: videoagent.Brief{Prompt: "A 20-second announcement: the Riverside Library reopens on March 3 after a six-month renovation, with a new children's wing and longer Saturday hours."},
		Facts: []string{"Riverside Library reopens on March 3", "six-month renovation", "children's wing", "longer Saturday hours"}},
	{Name: "en webinar invite 30s", Lang: "en", Brief: videoagent.Brief{Prompt: "Invite our customers to a free webinar on spring tax changes on April 12 at 4pm CET. Our accountant Maria Lopez will answer questions live. Register at https://ledgerline.example/webinar. Keep it to 30 seconds."},
		Facts: []string{"free webinar on spring tax changes", "April 12 at 4pm CET", "Maria Lopez will answer questions live", "ledgerline.example/webinar"}},
	{Name: "en safety training 45s", Lang: "en", Brief: videoagent.Brief{Prompt: "A 45-second safety training for warehouse staff. Always wear steel-toe boots on the floor. Keep forklift lanes clear at all times. Report spills to your shift lead right away. Never lift more than 25 kilograms alone. Forklift drivers sound the horn at every blind corner."},
		Facts: []string{"steel-toe boots", "forklift lanes clear", "Report spills to your shift lead", "25 kilograms"}},
	{Name: "en explainer thin", Lang: "en", Thin: true, Brief: videoagent.Brief{Prompt: "Explain how solar panels lower your electricity bill."},
		Facts: []string{"how solar panels lower your electricity bill"}},
	{Name: "en recap 60s", Lang: "en", Brief: videoagent.Brief{Prompt: "A one-minute recap of our third quarter. Revenue grew 18% to $4.2 million. We opened an office in Lisbon, and our churn fell to 2.1%. We hired 14 engineers, most of them for the platform team. Customer support answered 9,300 tickets with a median first reply of 41 minutes. Next quarter we launch the mobile app and start selling in Brazil."},
		Facts: []string{"18%", "$4.2 million", "office in Lisbon", "2.1%", "14 engineers", "9,300 tickets", "41 minutes", "launch the mobile app", "Brazil"}},
	{Name: "en sales pitch 50s", Lang: "en", Brief: videoagent.Brief{Prompt: "A 50-second sales pitch for Fleetwise, route-planning software for delivery companies. It cuts fuel costs by 12% on average. It plans routes for up to 500 vans in under a minute. It works with any GPS tracker, and drivers get turn-by-turn directions on their phones. Book a demo at https://fleetwise.example/demo."},
		Facts: []string{"Fleetwise", "12%", "500 vans in under a minute", "any GPS tracker", "turn-by-turn directions", "fleetwise.example/demo"}},
	{Name: "en welcome 40s", Lang: "en", Brief: videoagent.Brief{Prompt: "A 40-second welcome video for new hires at Harbor Dental. Your first week includes a tour of the clinic on Monday and shadowing a hygienist on Tuesday and Wednesday. On Friday there is lunch with the whole team. Your buddy is Priya, at the front desk."},
		Facts: []string{"Harbor Dental", "tour of the clinic on Monday", "shadowing a hygienist", "lunch with the whole team", "Priya"}},
	{Name: "es product 30s", Lang: "es", Brief: videoagent.Brief{Prompt: "Crea un vídeo de 30 segundos sobre Verdía, una app que te avisa cuando tus plantas necesitan agua. Funciona con cualquier maceta y cuesta 3 euros al mes. Descárgala en https://verdia.example."},
		Facts: []string{"Verdía", "te avisa cuando tus plantas necesitan agua", "cualquier maceta", "3 euros al mes", "verdia.example"}},
	{Name: "es bakery opening 25s", Lang: "es", Brief: videoagent.Brief{Prompt: "Vídeo de 25 segundos: la panadería Trigo Vivo abre su nueva tienda en la calle Mayor 14 el sábado 9 de mayo. Habrá pan gratis para los primeros cien clientes."},
		Facts: []string{"Trigo Vivo abre su nueva tienda en la calle Mayor 14", "sábado 9 de mayo", "pan gratis para los primeros cien clientes"}},
	{Name: "es tutorial 45s", Lang: "es", Brief: videoagent.Brief{Prompt: "Crea un tutorial de 45 segundos sobre cómo plantar tomates en el balcón: elige una maceta de 20 litros, usa tierra con compost, planta a pleno sol y riega cada dos días."},
		Facts: []string{"cómo plantar tomates en el balcón", "maceta de 20 litros", "tierra con compost", "pleno sol", "riega cada dos días"}},
	{Name: "de explainer 40s", Lang: "de", Brief: videoagent.Brief{Prompt: "Erstelle ein 40-sekündiges Erklärvideo über die Vorteile von Wärmepumpen für Hausbesitzer. Eine Wärmepumpe nutzt die Wärme aus Luft oder Erde. Sie senkt die Heizkosten um bis zu 40 Prozent. Der Staat fördert den Einbau mit bis zu 70 Prozent der Kosten."},
		Facts: []string{"die Vorteile von Wärmepumpen", "für Hausbesitzer", "Wärme aus Luft oder Erde", "40 Prozent", "70 Prozent der Kosten"}},
	{Name: "de cafe news 20s", Lang: "de", Brief: videoagent.Brief{Prompt: "Ein 20-sekündiges Video: Das Café Lindenblatt hat ab sofort auch sonntags von 9 bis 17 Uhr geöffnet. Am ersten Sonntag gibt es Kuchen zum halben Preis."},
		Facts: []string{"Café Lindenblatt hat ab sofort auch sonntags von 9 bis 17 Uhr geöffnet", "Kuchen zum halben Preis"}},
	{Name: "de training 60s", Lang: "de", Brief: videoagent.Brief{Prompt: "Eine einminütige Schulung für neue Mitarbeiter zum Datenschutz. Kundendaten dürfen nur im CRM gespeichert werden. Passwörter werden alle 90 Tage geändert. Verdächtige E-Mails leiten Sie an security@firma.example weiter. Bildschirme werden beim Verlassen des Platzes gesperrt. Ausgedruckte Kundendaten kommen nach Gebrauch in den verschlossenen Papierkorb. Fragen beantwortet das Datenschutzteam unter Durchwahl 204.", DurationSec: 60},
		Facts: []string{"nur im CRM", "alle 90 Tage", "security@firma.example", "Bildschirme werden beim Verlassen des Platzes gesperrt", "verschlossenen Papierkorb", "Durchwahl 204"}},
	{Name: "fr product 30s", Lang: "fr", Brief: videoagent.Brief{Prompt: "Crée une vidéo de 30 secondes sur Pédalo, un service de vélos en libre-service à Lyon. L'abonnement coûte 15 euros par mois et les vélos sont disponibles 24 heures sur 24. Plus de 300 stations couvrent toute la ville."},
		Facts: []string{"Pédalo", "vélos en libre-service à Lyon", "15 euros par mois", "24 heures sur 24", "300 stations"}},
	{Name: "fr open day 30s", Lang: "fr", Thin: true, Brief: videoagent.Brief{Prompt: "Une vidéo de 30 secondes : l'atelier Bois Clair ouvre ses portes le samedi 14 juin de 10h à 18h. Il y aura des démonstrations de menuiserie toute la journée et un atelier pour les enfants à 15h."},
		Facts: []string{"Bois Clair ouvre ses portes le samedi 14 juin de 10h à 18h", "démonstrations de menuiserie", "atelier pour les enfants à 15h"}},
	{Name: "fr explainer thin", Lang: "fr", Thin: true, Brief: videoagent.Brief{Prompt: "Une vidéo sur le compostage."},
		Facts: []string{"le compostage"}},
	{Name: "en story 10s", Lang: "en", Brief: videoagent.Brief{Prompt: "A 10-second Instagram story: Luma Yoga's new evening class starts tonight at 7pm."},
		Facts: []string{"Luma Yoga's new evening class starts tonight at 7pm"}},
	{Name: "en board briefing 3min file", Lang: "en", Brief: videoagent.Brief{Prompt: "A 3-minute briefing for the board on the attached annual report.", Materials: []videoagent.Material{doc("files[0] (annual-report.pdf)", annualReport, "p1", "p2", "p3")}},
		Facts: []string{"Corvane", "31 percent", "Gdansk", "Halo line", "Ines Moreau"}},
	{Name: "en handbook 2min file", Lang: "en", Brief: videoagent.Brief{Prompt: "Turn the attached onboarding handbook into a 2-minute training video for new support agents.", Materials: []videoagent.Material{doc("files[0] (handbook.txt)", handbook)}},
		Facts: []string{"four hours", "Zendesk", "refunds over 200 dollars", "Thursday"}},
	{Name: "en policy 90s markdown", Lang: "en", Brief: videoagent.Brief{Prompt: "A 90-second explainer based on the attached notes about our new expense policy.", Materials: []videoagent.Material{doc("files[0] (expense-policy.md)", expenseNotes)}},
		Facts: []string{"30 days", "45 euros", "economy class", "Ramp card"}},
	{Name: "en reel 20s", Lang: "en", Brief: videoagent.Brief{Prompt: "A 20-second vertical reel for Glow Bakery: cinnamon buns are back this weekend only, and the first 50 customers get a free coffee."},
		Facts: []string{"Glow Bakery", "cinnamon buns are back this weekend only", "first 50 customers get a free coffee"}},
	{Name: "en customer quote 30s", Lang: "en", Brief: videoagent.Brief{Prompt: "A 30-second customer story video for Parcelpal. Parcelpal plans same-day delivery routes for small shops. Quote from Dana Reyes, owner of Reyes Florist: \"Parcelpal saved us six hours a week on deliveries.\""},
		Facts: []string{"Parcelpal", "same-day delivery routes for small shops", "saved us six hours a week", "Dana Reyes"}},
	{Name: "en product thin", Lang: "en", Thin: true, Brief: videoagent.Brief{Prompt: "A product demo of Notewise."},
		Facts: []string{"Notewise"}},
	{Name: "en banking update duration_sec", Lang: "en", Brief: videoagent.Brief{Prompt: "Our mobile banking app now supports Apple Pay and Google Pay. Cards can be frozen and unfrozen from the home screen. Statements now download as PDF or CSV. Update to version 5.2 today.", DurationSec: 30},
		Facts: []string{"Apple Pay and Google Pay", "frozen and unfrozen from the home screen", "PDF or CSV", "version 5.2"}},
	{Name: "en hackathon 45s", Lang: "en", Brief: videoagent.Brief{Prompt: "A 45-second invitation to the Greenfield Hackathon on October 18 at the Civic Hall in Leeds. Teams of up to four build climate tools in 24 hours. Mentors from three local universities will be there all weekend. Prizes total £10,000. Sign up at https://greenfield.example."},
		Facts: []string{"Greenfield Hackathon", "October 18", "Civic Hall in Leeds", "Teams of up to four build climate tools in 24 hours", "£10,000", "greenfield.example"}},
	{Name: "en weekly update 30s", Lang: "en", Brief: videoagent.Brief{Prompt: "A 30-second weekly update for the design team. The new icon set is finished. The checkout redesign moves to user testing on Thursday. Sam is out next week, so send review requests to Ada."},
		Facts: []string{"new icon set is finished", "checkout redesign moves to user testing on Thursday", "Sam is out next week", "Ada"}},
	{Name: "es reel 15s", Lang: "es", Brief: videoagent.Brief{Prompt: "Reel de 15 segundos para Instagram: la heladería Polo Norte abre hasta medianoche todo agosto."},
		Facts: []string{"Polo Norte abre hasta medianoche todo agosto"}},
	{Name: "de tiktok 15s", Lang: "de", Brief: videoagent.Brief{Prompt: "Ein 15-sekündiges TikTok: Der Fahrradladen Speiche repariert jetzt auch E-Bikes."},
		Facts: []string{"Fahrradladen Speiche repariert jetzt auch E-Bikes"}},
	{Name: "fr tutorial 40s", Lang: "fr", Brief: videoagent.Brief{Prompt: "Un tutoriel de 40 secondes pour changer une roue de vélo : desserrez l'écrou, retirez la roue, placez la nouvelle roue et resserrez l'écrou."},
		Facts: []string{"desserrez l'écrou", "retirez la roue", "placez la nouvelle roue", "resserrez l'écrou"}},
	{Name: "es training 50s", Lang: "es", Brief: videoagent.Brief{Prompt: "Una formación de 50 segundos para camareros nuevos. Saluda a cada mesa en menos de un minuto. Ofrece siempre la carta de vinos. Confirma las alergias antes de tomar el pedido. Entrega la cuenta solo cuando el cliente la pida. Al final del turno, limpia tu sección y cuenta la caja con el encargado."},
		Facts: []string{"menos de un minuto", "carta de vinos", "Confirma las alergias", "Entrega la cuenta solo cuando el cliente la pida"}},
	{Name: "en recycling explainer 45s", Lang: "en", Brief: videoagent.Brief{Prompt: "A 45-second explainer on how our recycling pickup works. Put paper and cardboard in the blue bin. Glass goes in the green box, without lids. Pickup is every second Friday before 7am. Missed a pickup? Text MISSED to 55123 and we come back within two days."},
		Facts: []string{"how our recycling pickup works", "blue bin", "green box", "every second Friday before 7am", "55123"}},
	{Name: "en food tour portrait 25s", Lang: "en", Brief: videoagent.Brief{Prompt: "Promote our Lisbon food tour: three hours, eight tastings, small groups of up to ten, from 49 euros per person.", DurationSec: 25, Orientation: "portrait"},
		Facts: []string{"Lisbon food tour", "three hours", "eight tastings", "up to ten", "49 euros per person"}},
	{Name: "en sales 2min file", Lang: "en", Brief: videoagent.Brief{Prompt: "A 2-minute sales video for Orbit CRM based on the attached one-pager.", Materials: []videoagent.Material{doc("files[0] (orbit-one-pager.pdf)", orbitOnePager, "p1")}},
		Facts: []string{"Orbit CRM", "11 minutes", "Gmail and Outlook", "29 dollars"}},
	{Name: "en gym welcome 60s", Lang: "en", Brief: videoagent.Brief{Prompt: "A one-minute welcome video for new Fernbrook Gym members. The gym is open from 5am to 11pm every day. Towels are free at the front desk. Every membership includes two personal training sessions. The Fernbrook app lets you book classes up to a week ahead. Lockers on the second floor take a one-euro coin, which you get back. The sauna is women-only on Tuesday mornings."},
		Facts: []string{"5am to 11pm every day", "Towels are free", "two personal training sessions", "up to a week ahead", "one-euro coin", "Tuesday mornings"}},
	{Name: "de recap 45s", Lang: "de", Brief: videoagent.Brief{Prompt: "Ein 45-sekündiger Rückblick auf unser Sommerfest. Über 300 Gäste kamen in den Stadtpark. Die Tombola brachte 2.400 Euro für das Tierheim. Die Band Kupferton spielte bis Mitternacht. Danke an alle 40 Helferinnen und Helfer!"},
		Facts: []string{"300 Gäste", "2.400 Euro für das Tierheim", "Kupferton spielte bis Mitternacht", "40 Helferinnen und Helfer"}},
	{Name: "fr bakery delivery 25s", Lang: "fr", Brief: videoagent.Brief{Prompt: "Annonce de 25 secondes : notre boulangerie Le Fournil livre désormais à domicile dans tout le 11e arrondissement, du mardi au dimanche. La livraison est gratuite dès 20 euros d'achat."},
		Facts: []string{"Le Fournil livre désormais à domicile dans tout le 11e arrondissement", "du mardi au dimanche", "gratuite dès 20 euros"}},
	{Name: "en hello 10s", Lang: "en", Thin: true, Brief: videoagent.Brief{Prompt: "A 10-second hello from Crumb & Co bakery."},
		Facts: []string{"Crumb & Co"}},
	{Name: "en bike lanes 30s", Lang: "en", Brief: videoagent.Brief{Prompt: "A 30-second explainer about our city's new bike lanes. 42 kilometres of protected lanes opened this year. Cycling trips rose 35%, and crashes involving cyclists fell by a fifth. The next 20 kilometres open in spring."},
		Facts: []string{"42 kilometres of protected lanes", "35%", "fell by a fifth", "next 20 kilometres open in spring"}},
	{Name: "en product with photo 30s", Lang: "en", Brief: videoagent.Brief{Prompt: "A 30-second video introducing the Arlo lamp, a desk lamp with a wireless charger in its base. It has three colour temperatures and dims with a touch. It costs 89 dollars.", Materials: []videoagent.Material{
		{Name: "files[0] (arlo-lamp.jpg)", Kind: videoagent.MaterialImage, AssetID: "img1", MimeType: "image/jpeg", Pages: []string{"img1-png"}}}},
		Facts: []string{"Arlo lamp", "wireless charger in its base", "three colour temperatures", "89 dollars"}},
	{Name: "en explain in length how list 45s", Lang: "en", Thin: true, Brief: videoagent.Brief{Prompt: "Explain in 45 seconds how our app Tidy helps families share chores: parents add chores, kids tick them off, and everyone earns points toward rewards."},
		Facts: []string{"how our app Tidy helps families share chores", "parents add chores", "kids tick them off", "everyone earns points toward rewards"}},
}

const annualReport = "Corvane Annual Report 2025\n\n" +
	"Corvane designs energy storage for apartment buildings. In 2025 revenue rose 31 percent to 212 million euros, and the company was profitable for the second year running. " +
	"The order book at year end stood at 340 million euros, the highest in its history. " +
	"Gross margin improved from 24 to 27 percent, mainly because battery cells became cheaper. " +
	"Cash at year end was 58 million euros, and the company has no bank debt.\f" +
	"Operations\n\n" +
	"The new plant in Gdansk started production in May and now builds 1,800 battery cabinets a month. " +
	"Warranty claims fell to 0.4 percent of units shipped. Staff grew from 610 to 790 people, most of them in Gdansk. " +
	"A fire at the Lyon warehouse in August destroyed stock worth 3 million euros; nobody was hurt and insurance covered the loss. " +
	"Delivery times to customers fell from nine weeks to five weeks over the year. " +
	"Corvane now installs its cabinets in 14 countries, after entering Austria and Denmark in the spring.\f" +
	"Customers and markets\n\n" +
	"Housing associations bought 62 percent of all cabinets, and private landlords most of the rest. " +
	"The largest single order came from Vesta Homes in Rotterdam, for 2,400 cabinets over three years. " +
	"Germany remained the biggest market with 38 percent of revenue, followed by France and the Netherlands. " +
	"Customer satisfaction, measured after every installation, reached 4.6 out of 5.\f" +
	"Outlook\n\n" +
	"In 2026 Corvane will launch the Halo line, a smaller cabinet for houses. " +
	"The board proposes a dividend of 1.20 euros per share. Chief executive Ines Moreau will step down in June after nine years; the search for a successor has begun. " +
	"Management expects revenue growth between 20 and 25 percent. " +
	"A second line in Gdansk will double capacity by the end of 2026, at a cost of 45 million euros. " +
	"The main risks are the price of lithium and delays in grid connection permits."

const handbook = "Welcome to the support team\n\n" +
	"Every ticket gets a first reply within four hours during business hours. We answer in the customer's language when we can. " +
	"All tickets live in Zendesk; never answer a customer from your personal email. " +
	"Tag every ticket with the product it is about, so that the weekly report is right. " +
	"Close a ticket only when the customer confirms the problem is solved, or after five days without an answer.\n\n" +
	"Escalations\n\n" +
	"Refunds over 200 dollars need a team lead's approval. Bugs go to the engineering queue with steps to reproduce and a screenshot. " +
	"If a customer is angry, acknowledge the problem before you explain anything. " +
	"Security questions always go to the security team, even when you know the answer. " +
	"Outages are announced on the status page by the on-call engineer, not by support.\n\n" +
	"Your week\n\n" +
	"Team standup is at 9:30 every morning. On Thursday afternoons we review the hardest tickets of the week together. " +
	"Your first two weeks you will pair with a senior agent on every shift. " +
	"Every agent works one Saturday shift a month, and gets the following Monday off. " +
	"Your goal after the first month is twenty tickets a day with a satisfaction score above ninety percent."

const expenseNotes = "# New expense policy\n\n" +
	"- Submit receipts within 30 days of the purchase, through the finance app.\n" +
	"- Meals on business trips are covered up to 45 euros a day.\n" +
	"- Flights under six hours are booked in economy class.\n" +
	"- Every employee who travels gets a Ramp card; personal cards are no longer reimbursed after March.\n" +
	"- Hotels must be booked through the travel desk so that the company rate applies.\n" +
	"- Taxis are fine after 10pm or when no train runs; otherwise take public transport.\n" +
	"- Client dinners need the approval of your manager before the dinner, not after.\n" +
	"- Alcohol is only reimbursed at client dinners, up to one drink per person.\n" +
	"- Mileage for your own car is paid at 30 cents per kilometre.\n" +
	"- Expenses over 500 euros need a second approval from finance.\n" +
	"- Train tickets in second class are always allowed, and first class on trips over four hours.\n" +
	"- Lost receipts can be replaced by a signed note, at most twice a year.\n" +
	"- Gifts to clients must stay under 50 euros and be recorded in the gift register.\n"

const orbitOnePager = "Orbit CRM\n\n" +
	"Orbit CRM is a customer database for small sales teams that logs every email and call by itself. " +
	"Teams that switched report that reps spend 11 minutes less per deal on data entry. " +
	"It connects to Gmail and Outlook in two clicks and imports contacts from spreadsheets. " +
	"Pipelines show which deals have gone quiet for more than a week. " +
	"Plans start at 29 dollars per user per month, with a 14-day free trial. " +
	"Orbit is hosted in Frankfurt and certified under ISO 27001. " +
	"Customers include Maple Print, Tidewater Tools and the Juniper Hotel group. " +
	"The mobile app lets reps log a visit with a voice note that Orbit turns into text. " +
	"Managers get a forecast every Monday morning, built from the deals in each pipeline stage. " +
	"Reminders tell a rep when a customer opened a proposal but did not reply. " +
	"Every plan includes unlimited contacts and phone support in English, German and Spanish. " +
	"Moving from another CRM takes about a day, and the Orbit team does the import for free. " +
	"Maple Print closed 18 percent more deals in the first six months after switching. " +
	"Reps can call customers from the browser, and every call is recorded and transcribed. " +
	"A weekly email shows each rep the five deals most likely to close next. " +
	"Admins set who can see which pipelines, down to a single deal. " +
	"Orbit exports every record to a spreadsheet at any time, so your data stays yours."
