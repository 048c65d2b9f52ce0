package webhook_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/openvideoagent/videoagent/webhook"
)

// TestSignStandardVector checks the signature against the example of the Standard Webhooks
// specification.
func TestSignStandardVector(t *testing.T) {
	got, err := webhook.SignStandard("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, []byte(`{"test": 2432232314}`))
	if err != nil {
		t.Fatal(err)
	}
	if want := "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="; got != want {
		t.Errorf("SignStandard = %s, want %s", got, want)
	}
}

// TestStandardWebhooksLibrary checks our secrets and signatures against the reference Go
// library of Standard Webhooks, both ways.
func TestStandardWebhooksLibrary(t *testing.T) {
	secret := webhook.NewSecret()
	if !strings.HasPrefix(secret, "whsec_") || strings.ContainsAny(secret[6:], "-_") {
		t.Fatalf("secret %q is not whsec_ + standard base64", secret)
	}
	lib, err := standardwebhooks.NewWebhook(secret)
	if err != nil {
		t.Fatalf("the library refuses our secret: %v", err)
	}
	body := []byte(`{"event_type":"video_agent.success","event_id":"evt_1","event_data":{"video_id":"v1"}}`)
	now := time.Now()
	sig, err := webhook.SignStandard(secret, "evt_1", now.Unix(), body)
	if err != nil {
		t.Fatal(err)
	}
	h := http.Header{}
	h.Set("webhook-id", "evt_1")
	h.Set("webhook-timestamp", strconv.FormatInt(now.Unix(), 10))
	h.Set("webhook-signature", sig)
	if err := lib.Verify(body, h); err != nil {
		t.Errorf("the library does not verify our signature: %v", err)
	}
	h.Set("webhook-signature", sig[:len(sig)-4]+"AAA=")
	if lib.Verify(body, h) == nil {
		t.Error("the library verifies a wrong signature: the test proves nothing")
	}

	libSig, err := lib.Sign("evt_1", now, body)
	if err != nil {
		t.Fatal(err)
	}
	if libSig != sig {
		t.Errorf("library signature %s, ours %s", libSig, sig)
	}
	if !webhook.VerifyStandard(secret, "evt_1", strconv.FormatInt(now.Unix(), 10), "v1,bogus "+libSig, body, time.Minute) {
		t.Error("VerifyStandard refuses the library's signature among others")
	}
	if webhook.VerifyStandard(secret, "evt_1", strconv.FormatInt(now.Add(-time.Hour).Unix(), 10), libSig, body, time.Minute) {
		t.Error("VerifyStandard accepts an old timestamp")
	}
}

// TestSecretKeyOldForm: secrets made before the standard form still sign.
func TestSecretKeyOldForm(t *testing.T) {
	k, err := webhook.SecretKey("whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8")
	if err != nil || len(k) != 32 || k[31] != 31 {
		t.Fatalf("old-form secret: %v %v", k, err)
	}
	for _, bad := range []string{"", "whsec_", "secret", "whsec_!!!"} {
		if _, err := webhook.SecretKey(bad); err == nil {
			t.Errorf("SecretKey(%q) accepted", bad)
		}
	}
}
