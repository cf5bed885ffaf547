package web

import (
	"context"
	"net/http"

	"github.com/redline-news/redline"
)

// Reports lets the API run deliveries for `redline report` beside this
// process; without it the report routes answer 404 no_reports. Call it
// before Register.
func (a *API) Reports(r redline.Reporter) *API {
	a.reports = r
	return a
}

func (a *API) registerReports(handle func(string, http.HandlerFunc)) {
	handle("POST /api/v1/reports/deliver", a.deliverReports)
	handle("GET /api/v1/reports/status", a.reportStatus)
}

func (a *API) noReports(w http.ResponseWriter) bool {
	if a.reports != nil {
		return false
	}
	writeError(w, http.StatusNotFound, "no_reports", "this redline "+a.health.Role+" sends no reports (no subscribers or webhooks in its config)", nil)
	return true
}

func (a *API) deliverReports(w http.ResponseWriter, r *http.Request) {
	var req redline.DeliveryRequest
	if a.noReports(w) || !decodeBody(w, r, &req) {
		return
	}
	rep, err := a.reports.DeliverReports(r.Context(), req)
	if rep.Errors == nil {
		rep.Errors = []redline.DeliveryError{}
	}
	a.respond(w, rep, err)
}

func (a *API) reportStatus(w http.ResponseWriter, r *http.Request) {
	if a.noReports(w) {
		return
	}
	st, err := a.reports.OutboxStatus(r.Context())
	if st == nil {
		st = []redline.RecipientStatus{}
	}
	a.respond(w, st, err)
}

// DeliverReports asks the other process to run a delivery.
func (c *Client) DeliverReports(ctx context.Context, req redline.DeliveryRequest) (redline.DeliveryReport, error) {
	var out redline.DeliveryReport
	err := c.do(ctx, http.MethodPost, "/api/v1/reports/deliver", req, &out)
	return out, err
}

// OutboxStatus asks the other process for its outbox.
func (c *Client) OutboxStatus(ctx context.Context) ([]redline.RecipientStatus, error) {
	var out []redline.RecipientStatus
	err := c.do(ctx, http.MethodGet, "/api/v1/reports/status", nil, &out)
	return out, err
}
