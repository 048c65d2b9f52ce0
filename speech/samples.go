package speech

import "strings"

// sampleTexts are the preview sentences of voices, by primary language subtag.
var sampleTexts = map[string]string{
	"en":  "Hello! This is how I sound. I can narrate your next video, from the first scene to the last.",
	"es":  "¡Hola! Así suena mi voz. Puedo narrar tu próximo vídeo, de la primera escena a la última.",
	"fr":  "Bonjour ! Voici ma voix. Je peux raconter votre prochaine vidéo, de la première à la dernière scène.",
	"de":  "Hallo! So klingt meine Stimme. Ich kann Ihr nächstes Video sprechen, von der ersten bis zur letzten Szene.",
	"it":  "Ciao! Questa è la mia voce. Posso narrare il tuo prossimo video, dalla prima all'ultima scena.",
	"pt":  "Olá! Esta é a minha voz. Posso narrar o seu próximo vídeo, da primeira à última cena.",
	"nl":  "Hallo! Zo klinkt mijn stem. Ik kan je volgende video inspreken, van de eerste tot de laatste scène.",
	"sv":  "Hej! Så här låter min röst. Jag kan berätta din nästa video, från första till sista scenen.",
	"da":  "Hej! Sådan lyder min stemme. Jeg kan fortælle din næste video.",
	"nb":  "Hei! Slik høres stemmen min ut. Jeg kan fortelle din neste video.",
	"no":  "Hei! Slik høres stemmen min ut. Jeg kan fortelle din neste video.",
	"fi":  "Hei! Tältä ääneni kuulostaa. Voin kertoa seuraavan videosi.",
	"pl":  "Cześć! Tak brzmi mój głos. Mogę opowiedzieć twój następny film.",
	"cs":  "Ahoj! Takhle zní můj hlas. Mohu namluvit vaše další video.",
	"sk":  "Ahoj! Takto znie môj hlas. Môžem nahovoriť vaše ďalšie video.",
	"ro":  "Bună! Așa sună vocea mea. Pot nara următorul tău videoclip.",
	"hu":  "Helló! Így szól a hangom. Elmesélem a következő videódat.",
	"tr":  "Merhaba! Sesim böyle. Bir sonraki videonuzu anlatabilirim.",
	"ru":  "Привет! Так звучит мой голос. Я могу озвучить ваше следующее видео.",
	"uk":  "Привіт! Так звучить мій голос. Я можу озвучити ваше наступне відео.",
	"bg":  "Здравейте! Така звучи моят глас. Мога да озвуча следващото ви видео.",
	"el":  "Γεια σας! Έτσι ακούγεται η φωνή μου. Μπορώ να αφηγηθώ το επόμενο βίντεό σας.",
	"hi":  "नमस्ते! मेरी आवाज़ ऐसी सुनाई देती है। मैं आपका अगला वीडियो सुना सकती हूँ।",
	"bn":  "নমস্কার! আমার কণ্ঠ এমন শোনায়। আমি আপনার পরের ভিডিওটি বলতে পারি।",
	"ar":  "مرحبا! هكذا يبدو صوتي. يمكنني أن أروي الفيديو التالي.",
	"he":  "שלום! כך נשמע הקול שלי. אני יכול לקריין את הסרטון הבא שלך.",
	"fa":  "سلام! صدای من این‌گونه است. می‌توانم ویدیوی بعدی شما را روایت کنم.",
	"ja":  "こんにちは。これが私の声です。次の動画のナレーションをお任せください。",
	"cmn": "你好！这是我的声音。我可以为你的下一个视频配音。",
	"zh":  "你好！这是我的声音。我可以为你的下一个视频配音。",
	"yue": "你好！呢個係我嘅聲音。",
	"ko":  "안녕하세요! 제 목소리는 이렇습니다. 다음 영상의 내레이션을 맡겨 주세요.",
	"vi":  "Xin chào! Đây là giọng nói của tôi. Tôi có thể thuyết minh video tiếp theo của bạn.",
	"id":  "Halo! Beginilah suara saya. Saya bisa menarasikan video Anda berikutnya.",
	"ms":  "Helo! Beginilah bunyi suara saya. Saya boleh menceritakan video anda yang seterusnya.",
	"sw":  "Habari! Hii ndiyo sauti yangu. Ninaweza kusimulia video yako inayofuata.",
	"ca":  "Hola! Així sona la meva veu. Puc narrar el teu proper vídeo.",
	"eo":  "Saluton! Jen mia voĉo. Mi povas rakonti vian sekvan filmeton.",
	"la":  "Salve! Haec est vox mea.",
}

// SampleText returns a short preview sentence for a BCP-47 locale, in its language where
// known, else in English.
func SampleText(locale string) string {
	l := strings.ToLower(strings.ReplaceAll(locale, "_", "-"))
	for l != "" {
		if s, ok := sampleTexts[l]; ok {
			return s
		}
		i := strings.LastIndexByte(l, '-')
		if i < 0 {
			break
		}
		l = l[:i]
	}
	return sampleTexts["en"]
}
