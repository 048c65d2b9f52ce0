package http

import (
	"context"
	"net/url"
	"strconv"
	"strings"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/direct"
)

// Refusals made at the request for what would otherwise be accepted and fail later.

// maxPromptSentenceChars bounds one sentence of a prompt (text between sentence ends or
// line breaks). The planner reads a sentence into one scene, and a scene's narration holds
// at most videoagent.MaxNarrationChars; a run of thousands of characters without a break
// (digits, emoji, one endless sentence) would be accepted and then fail as planning_failed.
const maxPromptSentenceChars = 1000

// checkPromptSentences refuses a prompt with a sentence longer than maxPromptSentenceChars.
func checkPromptSentences(prompt string) error {
	run, longest := 0, 0
	for _, r := range prompt {
		switch r {
		case '.', '!', '?', '\n', '\r', ';', '\u3002', '\uff01', '\uff1f', '\u0964':
			run = 0
			continue
		}
		run++
		longest = max(longest, run)
	}
	if longest > maxPromptSentenceChars {
		return videoagent.Invalid("prompt", "prompt holds a sentence of %d characters; a sentence may have at most %d (a scene speaks at most %d characters). Break it with periods or new lines.",
			longest, maxPromptSentenceChars, videoagent.MaxNarrationChars)
	}
	return nil
}

// checkReceiver validates a URL this server will call later (a webhook receiver, a
// callback_url): absolute http(s), a port from 1 to 65535, a host that is a DNS name or a
// canonical IP address (not the numeric shorthands 2130706433, 127.1 or 0x7f.1 that
// resolvers read differently), and allowed by the address rules (CheckURL), so that a URL
// that can never be delivered to is refused now rather than retried for a day.
func (s *Server) checkReceiver(ctx context.Context, param, raw string) error {
	if raw == "" {
		return nil
	}
	if err := direct.ValidateURL(param, raw); err != nil {
		return err
	}
	u, err := url.Parse(raw)
	if err != nil {
		return videoagent.Invalid(param, "%s must be an absolute http or https URL.", param)
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return videoagent.Invalid(param, "%s has port %s; a port is from 1 to 65535.", param, videoagent.Shorten(p, 12))
		}
	} else if strings.HasSuffix(u.Host, ":") {
		return videoagent.Invalid(param, "%s has an empty port.", param)
	}
	if host := u.Hostname(); numericHost(host) && !canonicalIPv4(host) {
		return videoagent.Invalid(param, "%s has host %s, which is not a canonical IP address (write IPv4 as four decimal numbers, like 192.0.2.1) nor a host name.", param, videoagent.Shorten(host, 64))
	}
	if s.CheckURL != nil {
		if err := s.CheckURL(ctx, raw); err != nil {
			return videoagent.Invalid(param, "%s is not allowed: %s", param, videoagent.ErrorMessage(err))
		}
	}
	return nil
}

// numericHost reports whether host looks like an IPv4 address in any notation: labels of
// digits or 0x-prefixed hex only (a DNS name's last label is never all digits).
func numericHost(host string) bool {
	if host == "" || strings.Contains(host, ":") {
		return false
	}
	labels := strings.Split(strings.TrimSuffix(host, "."), ".")
	last := strings.ToLower(labels[len(labels)-1])
	if last == "" {
		return false
	}
	if strings.HasPrefix(last, "0x") {
		_, err := strconv.ParseUint(last[2:], 16, 64)
		return err == nil || last == "0x"
	}
	return strings.Trim(last, "0123456789") == ""
}

// canonicalIPv4 reports whether host is four decimal octets without leading zeros.
func canonicalIPv4(host string) bool {
	parts := strings.Split(host, ".")
	if len(parts) != 4 {
		return false
	}
	for _, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || n > 255 || strconv.Itoa(n) != p {
			return false
		}
	}
	return true
}
