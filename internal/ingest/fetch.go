// Package ingest turns the files of a request into stored assets the agent can use: it
// fetches URLs safely (private, loopback and link-local addresses refused unless allowed,
// a size limit, few redirects, timeouts), sniffs the type from the bytes, stores each file
// as an asset, and extracts what a planner needs (a document's text, a PDF's pages as
// PNG images, a video's still frame).
package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"syscall"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
)

// Defaults of a Fetcher.
const (
	DefaultMaxBytes     = 32 << 20
	DefaultMaxRedirects = 5
	DefaultTimeout      = 60 * time.Second
)

// Fetcher downloads files from http and https URLs. The zero value is usable and safe.
type Fetcher struct {
	// AllowPrivate lets URLs reach private, loopback and link-local addresses (for a
	// server on a trusted network, and for tests).
	AllowPrivate bool
	// MaxBytes is the largest file accepted; 0 means DefaultMaxBytes.
	MaxBytes int64
	// MaxRedirects is how many redirects are followed; 0 means DefaultMaxRedirects.
	MaxRedirects int
	// Timeout bounds one whole download; 0 means DefaultTimeout.
	Timeout time.Duration
}

// DownloadError says why a URL could not be fetched, in words fit for a user.
type DownloadError struct {
	URL    string
	Reason string
}

// Error implements the error interface.
func (e *DownloadError) Error() string { return e.URL + ": " + e.Reason }

// errBlocked is returned by the dialer for an address it refuses.
type errBlocked struct{ ip netip.Addr }

func (e errBlocked) Error() string {
	return "the address " + e.ip.String() + " is private, loopback or link-local (or otherwise reserved for special use), which this server does not fetch from"
}

// Blocked reports whether an address is one a default server must not reach. It follows
// the IANA IPv4 and IPv6 Special-Purpose Address Registries (see specialPurpose): an address
// in an entry that is not globally reachable (or whose reachability is "N/A", the
// deprecated ones) is blocked, unless a more specific entry is globally reachable; so are
// multicast, and the IPv6 forms that embed a blocked IPv4 address (mapped, NAT64's
// 64:ff9b::/96, 6to4's 2002::/16).
func Blocked(ip netip.Addr) bool {
	ip = ip.Unmap()
	if !ip.IsValid() {
		return true
	}
	if ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsInterfaceLocalMulticast() || ip.IsMulticast() || ip.IsUnspecified() {
		return true
	}
	for _, p := range globallyReachable {
		if p.Contains(ip) {
			return false
		}
	}
	for _, p := range specialPurpose {
		if p.Contains(ip) {
			return true
		}
	}
	if ip.Is6() {
		b := ip.As16()
		switch {
		case nat64.Contains(ip): // 64:ff9b::a.b.c.d
			return Blocked(netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]}))
		case sixToFour.Contains(ip): // 2002:aabb:ccdd::
			return Blocked(netip.AddrFrom4([4]byte{b[2], b[3], b[4], b[5]}))
		}
	}
	return false
}

var (
	// specialPurpose are the entries of the IANA IPv4 and IPv6 Special-Purpose Address
	// Registries (iana-ipv4-special-registry, iana-ipv6-special-registry, as of 2025) whose
	// "Globally Reachable" is False or N/A, besides those the netip predicates above cover
	// (10/8, 172.16/12, 192.168/16, 127/8, 169.254/16, ::1, ::, fc00::/7, fe80::/10), and
	// the deprecated site-local fec0::/10.
	specialPurpose = mustPrefixes(
		"0.0.0.0/8",       // "this network" (RFC 791)
		"100.64.0.0/10",   // shared address space, carrier-grade NAT (RFC 6598)
		"192.0.0.0/24",    // IETF protocol assignments (RFC 6890), incl. 192.0.0.0/29 DS-Lite, 192.0.0.8/32, 192.0.0.170-171 NAT64 discovery
		"192.0.2.0/24",    // documentation TEST-NET-1 (RFC 5737)
		"192.88.99.0/24",  // deprecated 6to4 relay anycast (RFC 7526)
		"198.18.0.0/15",   // benchmarking (RFC 2544)
		"198.51.100.0/24", // documentation TEST-NET-2 (RFC 5737)
		"203.0.113.0/24",  // documentation TEST-NET-3 (RFC 5737)
		"240.0.0.0/4",     // reserved (RFC 1112), incl. 255.255.255.255 limited broadcast
		"64:ff9b:1::/48",  // local-use IPv4/IPv6 translation (RFC 8215)
		"100::/64",        // discard-only (RFC 6666)
		"100:0:0:1::/64",  // dummy IPv6 prefix (RFC 9780)
		"2001::/23",       // IETF protocol assignments (RFC 2928), incl. Teredo 2001::/32, benchmarking 2001:2::/48, deprecated ORCHID 2001:10::/28
		"2001:db8::/32",   // documentation (RFC 3849)
		"3fff::/20",       // documentation (RFC 9637)
		"5f00::/16",       // segment routing SIDs (RFC 9602)
		"fec0::/10",       // deprecated site-local (RFC 3879)
	)
	// globallyReachable are the more specific registry entries inside those above that
	// are globally reachable: anycast services and overlay identifiers.
	globallyReachable = mustPrefixes(
		"192.0.0.9/32",    // Port Control Protocol anycast (RFC 7723)
		"192.0.0.10/32",   // TURN anycast (RFC 8155)
		"2001:1::1/128",   // Port Control Protocol anycast (RFC 7723)
		"2001:1::2/128",   // TURN anycast (RFC 8155)
		"2001:1::3/128",   // DNS-SD service registration anycast (RFC 9665)
		"2001:3::/32",     // AMT (RFC 7450)
		"2001:4:112::/48", // AS112-v6 (RFC 7535)
		"2001:20::/28",    // ORCHIDv2 (RFC 7343)
		"2001:30::/28",    // drone remote ID tags (RFC 9374)
	)
	nat64     = netip.MustParsePrefix("64:ff9b::/96")
	sixToFour = netip.MustParsePrefix("2002::/16")
)

func mustPrefixes(ss ...string) []netip.Prefix {
	out := make([]netip.Prefix, len(ss))
	for i, s := range ss {
		out[i] = netip.MustParsePrefix(s)
	}
	return out
}

func (f *Fetcher) maxBytes() int64 {
	if f.MaxBytes > 0 {
		return f.MaxBytes
	}
	return DefaultMaxBytes
}

// client builds the fetching client: guarded dialing (see Client) and at most
// MaxRedirects redirects, to http or https only.
func (f *Fetcher) client() *http.Client {
	maxRedirects := f.MaxRedirects
	if maxRedirects <= 0 {
		maxRedirects = DefaultMaxRedirects
	}
	return Client(f.AllowPrivate, func(req *http.Request, via []*http.Request) error {
		if len(via) > maxRedirects {
			return fmt.Errorf("more than %d redirects", maxRedirects)
		}
		if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
			return fmt.Errorf("a redirect to a %s URL", req.URL.Scheme)
		}
		return nil
	})
}

// Client returns an HTTP client for URLs that users give (file inputs, webhook receivers):
// unless allowPrivate, its dialer refuses Blocked addresses, checking the address it
// actually connects to (after name resolution, on every redirect hop), and it never uses a
// proxy. checkRedirect is the client's redirect policy.
func Client(allowPrivate bool, checkRedirect func(*http.Request, []*http.Request) error) *http.Client {
	dialer := &net.Dialer{Timeout: 15 * time.Second, KeepAlive: -1}
	if !allowPrivate {
		dialer.Control = func(network, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return errBlocked{}
			}
			if Blocked(ap.Addr()) {
				return errBlocked{ap.Addr()}
			}
			return nil
		}
	}
	tr := &http.Transport{
		Proxy:                  nil,
		DialContext:            dialer.DialContext,
		TLSHandshakeTimeout:    15 * time.Second,
		ResponseHeaderTimeout:  30 * time.Second,
		DisableKeepAlives:      true,
		MaxResponseHeaderBytes: 64 << 10,
	}
	return &http.Client{Transport: tr, CheckRedirect: checkRedirect}
}

// CheckURL resolves the host of rawURL and refuses it when any of its addresses is Blocked
// (unless allowPrivate): an early, clear answer for a URL that would be refused when
// dialled. The dial-time check in Client still applies (names can change what they
// resolve to).
func CheckURL(ctx context.Context, rawURL string, allowPrivate bool) error {
	u, err := url.Parse(rawURL)
	if err != nil || u.Hostname() == "" {
		return videoagent.Errorf(videoagent.EINVALID, "%q is not a URL.", rawURL)
	}
	if allowPrivate {
		return nil
	}
	host := u.Hostname()
	var addrs []netip.Addr
	if ip, err := netip.ParseAddr(host); err == nil {
		addrs = []netip.Addr{ip}
	} else {
		ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		ips, err := net.DefaultResolver.LookupNetIP(ctx, "ip", host)
		if err != nil {
			// A name that does not resolve now cannot be judged; the dial-time check
			// refuses it later if it ever resolves to a blocked address.
			return nil
		}
		addrs = ips
	}
	for _, a := range addrs {
		if Blocked(a.Unmap()) {
			return videoagent.Errorf(videoagent.EINVALID, "%s resolves to %s, a private, loopback or link-local address this server does not call.", host, a)
		}
	}
	return nil
}

// Fetch downloads rawURL and returns its bytes. Every failure is a *DownloadError that
// names the URL and the reason.
func (f *Fetcher) Fetch(ctx context.Context, rawURL string) ([]byte, error) {
	fail := func(format string, args ...any) error {
		return &DownloadError{URL: rawURL, Reason: fmt.Sprintf(format, args...)}
	}
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fail("not an absolute http or https URL")
	}
	if !f.AllowPrivate {
		if ip, err := netip.ParseAddr(u.Hostname()); err == nil && Blocked(ip) {
			return nil, fail("%s", errBlocked{ip}.Error())
		}
	}
	timeout := f.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fail("not a valid URL")
	}
	req.Header.Set("User-Agent", "videoagent-ingest/1")
	resp, err := f.client().Do(req)
	if err != nil {
		var be errBlocked
		switch {
		case errors.As(err, &be):
			return nil, fail("%s", be.Error())
		case ctx.Err() == context.DeadlineExceeded:
			return nil, fail("the download took longer than %s", timeout)
		case ctx.Err() != nil:
			return nil, ctx.Err()
		}
		var ue *url.Error
		if errors.As(err, &ue) {
			return nil, fail("%v", ue.Err)
		}
		return nil, fail("%v", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, fail("the server answered HTTP %d", resp.StatusCode)
	}
	max := f.maxBytes()
	if resp.ContentLength > max {
		return nil, fail("the file is %s, more than the %s limit", sizeString(resp.ContentLength), sizeString(max))
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		if ctx.Err() == context.DeadlineExceeded {
			return nil, fail("the download took longer than %s", timeout)
		}
		return nil, fail("the download was cut short: %v", err)
	}
	if int64(len(b)) > max {
		return nil, fail("the file is larger than the %s limit", sizeString(max))
	}
	return b, nil
}

// sizeString writes a byte count for people: "32 MB", "1.5 MB", "900 bytes".
func sizeString(n int64) string {
	switch {
	case n >= 1<<20:
		v := float64(n) / (1 << 20)
		if v == float64(int64(v)) {
			return strconv.FormatInt(int64(v), 10) + " MB"
		}
		return strconv.FormatFloat(v, 'f', 1, 64) + " MB"
	case n >= 1<<10:
		return strconv.FormatInt(n>>10, 10) + " KB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}
