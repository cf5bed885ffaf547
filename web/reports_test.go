package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/web"
)

// A process whose config has no recipients says so, by a code the CLI can
// tell from a missing route, and the report routes obey the guard like
// every other: the status is a read, a delivery a write.
func TestAPI_reportsWithoutRecipients(t *testing.T) {
	api := serveAPI(t, web.Access{ReadToken: "read-token-0123456789", WriteToken: "write-token-0123456789"})
	c := web.NewClient(api.URL, web.WithToken("write-token-0123456789"))
	_, err := c.DeliverReports(context.Background(), redline.DeliveryRequest{})
	if err == nil || !strings.Contains(err.Error(), "sends no reports") {
		t.Fatalf("deliver without recipients: %v, want the no_reports refusal", err)
	}
	code, _, body := api.call(t, http.MethodGet, "/api/v1/reports/status", "", map[string]string{"Authorization": "Bearer write-token-0123456789"})
	if code != http.StatusNotFound || !strings.Contains(body, `"no_reports"`) {
		t.Errorf("status without recipients: %d %s", code, body)
	}
	code, _, body = api.call(t, http.MethodPost, "/api/v1/reports/deliver", "{}", map[string]string{
		"Authorization": "Bearer read-token-0123456789", "Content-Type": "application/json"})
	if code != http.StatusForbidden {
		t.Errorf("deliver with the read token: %d %s, want 403", code, body)
	}
	if code, _, _ := api.call(t, http.MethodGet, "/api/v1/reports/status", "", nil); code != http.StatusUnauthorized {
		t.Errorf("status without a token: %d, want 401", code)
	}
}
