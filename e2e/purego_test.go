//go:build purego

package e2e

// Built with -tags purego (`go test -tags purego ./...`, which CI runs), the server under
// test is built with the tag too, so its frames go through the plain-Go kernels; and the
// suite runs its main flows only, unless -run asks for others: every other test drives
// the same server code the plain run has just tested, and the kernels' pixels are what
// this run is for.
const pureGo = true

const pureGoFlows = "^(TestVideoEndToEnd|TestChatConversation|TestDirectAvatarScript|TestDirectImage|TestDirectAvatarWebM|TestBrandKitFrames|TestAgentMusicFile)$"
