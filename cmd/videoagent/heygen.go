package main

// HeyGen's CLI spells some listings as noun-verb groups; these are the same commands under
// those names, so that its users' commands and scripts work here as they are.
func init() {
	register("avatar", "Avatars, as HeyGen's CLI names them (avatar looks list = avatars).", &avatarGroup{})
	register("voice", "Voices, as HeyGen's CLI names them (voice list = voices).", &voiceGroup{})
}

type avatarGroup struct {
	Looks struct {
		List avatarsCmd `cmd:"" help:"List the presenters' looks."`
	} `cmd:"" help:"Presenter looks."`
}

type voiceGroup struct {
	List voicesCmd `cmd:"" help:"List the voices."`
}

// stylesGroup is video-agent styles.
type stylesGroup struct {
	List stylesCmd `cmd:"" help:"List the visual styles."`
}
